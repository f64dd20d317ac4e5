namespace Raft.Simulator.Checking.Linearizability;

/// <summary>
/// One key of the store as the model knows it. <see cref="Value"/> is null while the key is absent, and
/// then <see cref="Version"/> is 0. A write whose outcome the client never learned leaves the version
/// unknown (<see cref="UnknownVersion"/>): the first answer that shows it pins it. <see cref="Floor"/> is
/// the highest version known to have been written to the key; versions are log indexes, so every later
/// write's version is greater.
/// </summary>
public readonly record struct KvState(string? Value, long Version, long Floor)
{
    public const long UnknownVersion = -1;

    public static KvState Absent { get; } = new(null, 0, 0);

    public bool Present => Value is not null;

    public override string ToString() =>
        Value is null ? $"absent (floor v{Floor})" : $"{Value}@{(Version == UnknownVersion ? "v?" : $"v{Version}")}";
}

namespace Raft.Simulator.Checking.Linearizability;

/// <summary>
/// Registers, one per key, that start empty: a write sets the value, a read returns the latest value
/// written (null before any write). The state is one register's value because histories are partitioned
/// by key.
/// </summary>
public sealed class RegisterModel : ISequentialModel<string?, RegisterInput, RegisterOutput>
{
    public static RegisterModel Instance { get; } = new();

    public string? Init() => null;

    public (bool Ok, string? Next) Step(string? state, RegisterInput input, RegisterOutput? output) => input switch
    {
        RegisterInput.Write write => (true, write.Value),
        // A read whose answer never arrived constrains nothing.
        RegisterInput.Read => (output is null || string.Equals(output.Value, state, StringComparison.Ordinal), state),
        _ => throw new ArgumentException($"unknown register operation {input}", nameof(input)),
    };

    public bool StateEquals(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);

    public int StateHash(string? state) => state is null ? 0 : StringComparer.Ordinal.GetHashCode(state);

    public IReadOnlyList<SubHistory<RegisterInput, RegisterOutput>> Partition(IReadOnlyList<Operation<RegisterInput, RegisterOutput>> history) =>
        SubHistory<RegisterInput, RegisterOutput>.ByKey(history, input => input.Key);
}

namespace Raft.Simulator.Checking.Linearizability;

/// <summary>
/// Why a history is illegal: the sub-history (key) that has no linearization and the shortest prefix of its
/// operations, by invocation time, that already has none, which is usually a handful of operations to read.
/// </summary>
public sealed record Witness<TInput, TOutput>(
    string Partition,
    IReadOnlyList<Operation<TInput, TOutput>> PartitionOperations,
    IReadOnlyList<Operation<TInput, TOutput>> MinimalPrefix)
    where TOutput : class
{
    /// <summary>A one-line description with the prefix's operations, for violation reports.</summary>
    public override string ToString() =>
        $"key {Partition}: no linearization of the first {MinimalPrefix.Count} of its {PartitionOperations.Count} operations: "
        + string.Join("; ", MinimalPrefix);
}

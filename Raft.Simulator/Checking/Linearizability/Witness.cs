namespace Raft.Simulator.Checking.Linearizability;

/// <summary>
/// Why a history is illegal: the sub-history (key) that has no linearization, and that sub-history as it
/// stood at the earliest moment it already had none: the prefix of its operations by invocation time up to
/// that moment, with answers that came later shown as unknown. The last answer in it is the one no order
/// can explain, usually a read.
/// </summary>
public sealed record Witness<TInput, TOutput>(
    string Partition,
    IReadOnlyList<Operation<TInput, TOutput>> PartitionOperations,
    IReadOnlyList<Operation<TInput, TOutput>> MinimalPrefix)
    where TOutput : class
{
    /// <summary>How many of the prefix's last operations <see cref="ToString"/> lists; the failure is at the end.</summary>
    public const int ShownOperations = 12;

    /// <summary>A one-line description with the prefix's last operations, for violation reports.</summary>
    public override string ToString()
    {
        var omitted = Math.Max(0, MinimalPrefix.Count - ShownOperations);
        return $"key {Partition}: no linearization of its first {MinimalPrefix.Count} of {PartitionOperations.Count} operations"
            + (omitted > 0 ? $" (the last {ShownOperations} shown): " : ": ")
            + string.Join("; ", MinimalPrefix.Skip(omitted));
    }
}

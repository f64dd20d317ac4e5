namespace Raft.Core.Snapshots;

/// <summary>
/// When a peer snapshots its state machine: once it has applied <see cref="EntriesThreshold"/> entries or
/// <see cref="BytesThreshold"/> entry bytes since its last snapshot, whichever comes first.
/// </summary>
public sealed record SnapshotPolicy
{
    public long EntriesThreshold { get; init; } = 10_000;

    public long BytesThreshold { get; init; } = 64L << 20;

    /// <summary>Entries kept in the log before a new snapshot's index, for followers that are only a little behind.</summary>
    public long TrailingEntries { get; init; } = 1_000;

    public bool IsDue(long entriesSince, long bytesSince) => entriesSince >= EntriesThreshold || bytesSince >= BytesThreshold;

    public string? Validate()
    {
        if (EntriesThreshold <= 0) return "EntriesThreshold must be positive";
        if (BytesThreshold <= 0) return "BytesThreshold must be positive";
        if (TrailingEntries < 0) return "TrailingEntries must not be negative";
        return null;
    }
}

namespace Raft.Core.Snapshots;

/// <summary>
/// When a peer snapshots its state machine: once it has applied <see cref="BytesThreshold"/> entry bytes since
/// its last snapshot, or <see cref="EntriesThreshold"/> entries whose bytes are at least
/// <see cref="LogToSnapshotRatio"/> times the last snapshot's, whichever comes first.
/// </summary>
public sealed record SnapshotPolicy
{
    public long EntriesThreshold { get; init; } = 10_000;

    public long BytesThreshold { get; init; } = 64L << 20;

    /// <summary>
    /// A whole-state snapshot costs as much as the state is large, so the entries threshold waits until the log
    /// applied since the last snapshot holds this many times its bytes: with 60,000 keys a snapshot every
    /// 10,000 entries rewrote 11.5 MB on every peer at once for each 3 MB of writes, and stalled the cluster. The
    /// cost is then spread over as many bytes of writes, while the bytes threshold still bounds the log. 0
    /// snapshots on the entries threshold alone.
    /// </summary>
    public double LogToSnapshotRatio { get; init; } = 1.0;

    /// <summary>Entries kept in the log before a new snapshot's index, for followers that are only a little behind.</summary>
    public long TrailingEntries { get; init; } = 1_000;

    /// <summary>Whether to snapshot, after <paramref name="entriesSince"/> entries of <paramref name="bytesSince"/> bytes applied since the last snapshot, of <paramref name="lastSnapshotBytes"/>.</summary>
    public bool IsDue(long entriesSince, long bytesSince, long lastSnapshotBytes) =>
        bytesSince >= BytesThreshold || (entriesSince >= EntriesThreshold && bytesSince >= lastSnapshotBytes * LogToSnapshotRatio);

    public string? Validate()
    {
        if (EntriesThreshold <= 0) return "EntriesThreshold must be positive";
        if (BytesThreshold <= 0) return "BytesThreshold must be positive";
        if (TrailingEntries < 0) return "TrailingEntries must not be negative";
        if (!(LogToSnapshotRatio >= 0) || double.IsInfinity(LogToSnapshotRatio)) return "LogToSnapshotRatio must be a finite number, not negative";
        return null;
    }
}

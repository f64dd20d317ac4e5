using Raft.Core.Snapshots;

namespace Raft.Silo.Configuration;

/// <summary>
/// When each peer snapshots its state machine and drops the log prefix the snapshot covers (Raft §7), bound
/// from <c>Raft:Snapshots</c>. The defaults are <see cref="SnapshotPolicy"/>'s.
/// </summary>
public sealed class RaftSnapshotOptions
{
    /// <summary>Snapshot after this many entries applied since the last snapshot.</summary>
    public long EntriesThreshold { get; set; } = new SnapshotPolicy().EntriesThreshold;

    /// <summary>Or after this many bytes of entries applied since the last snapshot, whichever comes first.</summary>
    public long BytesThreshold { get; set; } = new SnapshotPolicy().BytesThreshold;

    /// <summary>Entries kept before a new snapshot's index, so a follower only slightly behind catches up from the log.</summary>
    public long TrailingEntries { get; set; } = new SnapshotPolicy().TrailingEntries;

    /// <summary>The entries threshold counts only once the log since the last snapshot holds this many times its bytes.</summary>
    public double LogToSnapshotRatio { get; set; } = new SnapshotPolicy().LogToSnapshotRatio;

    public SnapshotPolicy ToPolicy() => new()
    {
        EntriesThreshold = EntriesThreshold,
        BytesThreshold = BytesThreshold,
        TrailingEntries = TrailingEntries,
        LogToSnapshotRatio = LogToSnapshotRatio,
    };
}

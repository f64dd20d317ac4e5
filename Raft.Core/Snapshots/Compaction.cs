namespace Raft.Core.Snapshots;

/// <summary>
/// A snapshot the peer took of its own state machine, and the log prefix it lets go: the host stores the
/// snapshot, deletes the log rows through <see cref="DropThrough"/>, then hands it back to the node. A few
/// entries before the snapshot's index may be kept (<see cref="SnapshotPolicy.TrailingEntries"/>) so that
/// a follower only slightly behind catches up from the log instead of a whole snapshot.
/// </summary>
public sealed record Compaction(Snapshot Snapshot, long DropThrough);

/// <summary>
/// A compaction whose snapshot is frozen but not yet serialized: <see cref="Serialize"/> writes the state
/// machine's copy as bytes, possibly on another thread, and <see cref="With"/> makes the compaction to store.
/// </summary>
public sealed record CompactionCapture(SnapshotMetadata Metadata, Func<ReadOnlyMemory<byte>> Serialize, long DropThrough)
{
    public Compaction With(ReadOnlyMemory<byte> data) => new(new Snapshot(Metadata, data), DropThrough);
}

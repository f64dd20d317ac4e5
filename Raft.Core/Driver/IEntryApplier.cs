using Raft.Core.Messages;
using Raft.Core.Snapshots;

namespace Raft.Core.Driver;

/// <summary>
/// The replicated state machine's side of the driver: committed entries arrive here in log order, once per
/// incarnation, and snapshots go both ways.
/// </summary>
public interface IEntryApplier
{
    void Apply(Entry entry);

    /// <summary>Replaces the whole state with a snapshot's (one received from the leader, before the entries after it).</summary>
    void Restore(Snapshot snapshot);

    /// <summary>
    /// Freezes the whole state as it is now, after every entry handed to <see cref="Apply"/>, and returns what
    /// serializes that frozen copy. Runs on the peer's one thread, so it should only copy; the returned
    /// function may run on another thread while entries go on being applied (<see cref="ReadyPump"/>).
    /// <paramref name="metadata"/> is what the snapshot will say of itself, for a host that frames its bytes
    /// with it as it writes them.
    /// </summary>
    Func<ReadOnlyMemory<byte>> CaptureSnapshot(SnapshotMetadata metadata);
}

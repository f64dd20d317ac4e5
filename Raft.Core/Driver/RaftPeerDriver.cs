using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Core.Snapshots;

namespace Raft.Core.Driver;

/// <summary>
/// The loop every host runs around a <see cref="RaftNode"/>: take a Ready, persist it, then send, apply and
/// advance; and, once the applied log passes the <see cref="SnapshotPolicy"/>, snapshot the state machine
/// and compact. The grain and the simulator both run it through <see cref="ReadyPump"/>, so the code under
/// simulation is the code in production.
/// </summary>
public sealed class RaftPeerDriver(
    RaftNode node,
    IMessageSender sender,
    IEntryApplier applier,
    IReadIndexSink? reads = null,
    SnapshotPolicy? snapshots = null)
{
    private Ready? _pending;
    private long _entriesSinceSnapshot = node.AppliedIndex - node.SnapshotIndex;
    private long _bytesSinceSnapshot;

    public RaftNode Node { get; } = node;

    /// <summary>
    /// Takes the next Ready, or null when there is no work, and sends its <see cref="Ready.EarlyMessages"/> at
    /// once. The caller persists it, then calls <see cref="CompleteReady"/>.
    /// </summary>
    public Ready? BeginReady()
    {
        if (_pending is not null) throw new RaftInvariantException("a Ready is already in progress");
        if (!Node.HasReady) return null;
        _pending = Node.GetReady();
        foreach (var message in _pending.EarlyMessages) sender.Send(message);
        return _pending;
    }

    /// <summary>
    /// While a write is in flight: sends the leader's appends and heartbeats produced since it began
    /// (<see cref="RaftNode.TakeEarlyMessages"/>); returns how many, so a batching sender can be flushed.
    /// </summary>
    public int SendEarly()
    {
        var early = Node.TakeEarlyMessages();
        foreach (var message in early) sender.Send(message);
        return early.Count;
    }

    /// <summary>After the Ready is durable: send its messages, apply its entries, hand over read indexes, advance the node.</summary>
    public void CompleteReady()
    {
        var ready = _pending ?? throw new RaftInvariantException("no Ready in progress");
        foreach (var message in ready.Messages) sender.Send(message);
        if (ready.Snapshot is { } snapshot)
        {
            applier.Restore(snapshot);
            _entriesSinceSnapshot = 0;
            _bytesSinceSnapshot = 0;
        }
        foreach (var entry in ready.CommittedEntries)
        {
            applier.Apply(entry);
            _entriesSinceSnapshot++;
            _bytesSinceSnapshot += entry.Size;
        }
        if (reads is not null)
        {
            foreach (var state in ready.ReadStates) reads.OnReadIndex(state);
        }
        Node.Advance(ready);
        _pending = null;
    }

    public static bool NeedsWrite(Ready ready) => ready.Snapshot is not null || ready.HardState is not null || ready.Entries.Count > 0;

    /// <summary>
    /// When the policy says so, freezes the state machine at the applied index (the only part that holds up
    /// the peer) and returns the capture for the pump to serialize and the host to persist; null otherwise.
    /// Between Readies only.
    /// </summary>
    public CompactionCapture? BeginCompaction()
    {
        if (_pending is not null) throw new RaftInvariantException("a Ready is in progress");
        if (snapshots is null || !snapshots.IsDue(_entriesSinceSnapshot, _bytesSinceSnapshot, Node.LatestSnapshot?.Data.Length ?? 0)) return null;
        if (Node.AppliedIndex <= Node.SnapshotIndex) return null;
        var metadata = Node.MetadataAtApplied();
        var serialize = applier.CaptureSnapshot(metadata);
        _entriesSinceSnapshot = 0;
        _bytesSinceSnapshot = 0;
        var dropThrough = Math.Max(Node.FirstIndex - 1, metadata.Index - snapshots.TrailingEntries);
        return new CompactionCapture(metadata, serialize, dropThrough);
    }

    /// <summary>After the compaction is durable: the node drops the same prefix and keeps the snapshot to send.</summary>
    public void CompleteCompaction(Compaction compaction) => Node.Compact(compaction);

}

using System.Buffers;
using Raft.Core.Driver;
using Raft.Core.Messages;
using Raft.Core.Snapshots;
using Raft.Grains.Persistence;
using Raft.Grains.StateMachine;

namespace Raft.Grains;

/// <summary>
/// The driver's apply step for a grain: hands committed client commands to the state machine in log order
/// and records each result for the proposal waiting at that index. A leader's no-op changes no state, but
/// it still settles any waiter at its index (that waiter's entry was overwritten).
/// </summary>
/// <param name="configurationApplied">Told of each configuration entry as it is applied: a membership is committed (for the peer's observer).</param>
public sealed class StateMachineApplier(IReplicatedStateMachine stateMachine, ProposalWaiters waiters, int peerId = 0, Action<Entry>? configurationApplied = null) : IEntryApplier
{
    /// <summary>The index of the last entry applied in this activation (0 before any).</summary>
    public long LastApplied { get; private set; }

    public void Apply(Entry entry)
    {
        LastApplied = entry.Index;
        var result = entry.Type == EntryType.Normal ? stateMachine.Apply(entry) : ReadOnlyMemory<byte>.Empty;
        waiters.OnApplied(entry, result);
        if (entry.Type == EntryType.Configuration) configurationApplied?.Invoke(entry);
        Metrics.RaftMetrics.Applied(peerId);
    }

    /// <summary>Replaces the state with a snapshot's; callers waiting at or below it cannot learn their result here.</summary>
    public void Restore(Snapshot snapshot)
    {
        Snapshottable.RestoreSnapshot(snapshot.Data.Span);
        LastApplied = snapshot.Index;
        waiters.OnSnapshotRestored(snapshot.Index);
    }

    /// <summary>Whether the state machine can be snapshotted; without it the peer never compacts its log.</summary>
    public bool CanSnapshot => stateMachine is ISnapshottableStateMachine;

    /// <summary>
    /// The state machine's bytes are written behind the storage blob's header for <paramref name="metadata"/>,
    /// in the one array the stored row will be, and the snapshot's data is the slice after the header: so the
    /// store binds that array as it is (<see cref="SnapshotBlob.Encode"/>) instead of copying a snapshot of
    /// tens of megabytes once more on the large-object heap.
    /// </summary>
    public Func<ReadOnlyMemory<byte>> CaptureSnapshot(SnapshotMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var write = Snapshottable.FreezeSnapshot();
        return () =>
        {
            var buffer = new SegmentedBufferWriter();
            var header = SnapshotBlob.HeaderFor(metadata.Membership);
            buffer.Write(header);
            write(buffer);
            return buffer.ToArray().AsMemory(header.Length);
        };
    }

    private ISnapshottableStateMachine Snapshottable => stateMachine as ISnapshottableStateMachine
        ?? throw new NotSupportedException($"{stateMachine.GetType().Name} cannot be snapshotted");
}

using System.Collections.Concurrent;
using Raft.Core.Members;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Grains;

namespace Raft.Tests.Integration;

/// <summary>Remembers every fault, rejected message and snapshot a silo's peers report, for tests that provoke them.</summary>
internal sealed class RecordingPeerObserver : IRaftPeerObserver
{
    private readonly ConcurrentQueue<Exception> _faults = new();
    private readonly ConcurrentQueue<StepOutcome> _rejected = new();

    public IReadOnlyCollection<Exception> Faults => _faults;

    public IReadOnlyCollection<StepOutcome> Rejected => _rejected;

    /// <summary>Snapshots taken (Installed false) and installed from a leader, with the peer and the snapshot's index.</summary>
    public ConcurrentQueue<(int Peer, bool Installed, long Index)> Snapshots { get; } = new();

    public void OnBecameLeader(int peerId, long term, long lastIndex)
    {
    }

    public void OnRoleChanged(int peerId, long term, long commitIndex, RaftRole role, int leader)
    {
    }

    public void OnMessageRejected(int peerId, long term, long commitIndex, Message message, StepOutcome outcome) => _rejected.Enqueue(outcome);

    public void OnFaulted(int peerId, long term, long commitIndex, Exception exception) => _faults.Enqueue(exception);

    public void OnSnapshotTaken(int peerId, long term, long snapshotIndex) => Snapshots.Enqueue((peerId, false, snapshotIndex));

    public void OnSnapshotInstalled(int peerId, long term, long snapshotIndex) => Snapshots.Enqueue((peerId, true, snapshotIndex));

    public void OnMembershipApplied(int peerId, long term, long index, Membership membership)
    {
    }

    public void OnTransferStarted(int peerId, long term, long commitIndex, int target)
    {
    }

    public void OnTransferEnded(int peerId, long term, long commitIndex, int target, bool steppedDown)
    {
    }
}

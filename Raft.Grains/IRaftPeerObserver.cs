using Raft.Core.Members;
using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Grains;

/// <summary>
/// What a peer reports to its host (logs, dashboard, metrics). Called from inside the peer's turns, so an
/// implementation must be quick and must not call back into the grain. Every event names the peer, its
/// current term and an index, so that a log of them lines up with the Raft log itself; each method says
/// which index it gives.
/// </summary>
public interface IRaftPeerObserver
{
    /// <summary>This peer became leader of <paramref name="term"/>; <paramref name="lastIndex"/> is its log's last index then (its no-op's).</summary>
    void OnBecameLeader(int peerId, long term, long lastIndex);

    /// <summary>The peer's role, term or known leader changed; <paramref name="commitIndex"/> is its commit index then.</summary>
    void OnRoleChanged(int peerId, long term, long commitIndex, RaftRole role, int leader);

    /// <summary>A message was dropped as bad input (not merely stale); a peer that keeps sending these is broken. The index is this peer's commit index.</summary>
    void OnMessageRejected(int peerId, long term, long commitIndex, Message message, StepOutcome outcome);

    /// <summary>The peer stopped because its storage failed; it will not take part until it is reactivated. The index is its commit index.</summary>
    void OnFaulted(int peerId, long term, long commitIndex, Exception exception);

    /// <summary>The peer snapshotted its state machine through <paramref name="snapshotIndex"/> and compacted its log (the snapshot is durable).</summary>
    void OnSnapshotTaken(int peerId, long term, long snapshotIndex);

    /// <summary>The peer installed a snapshot from the leader through <paramref name="snapshotIndex"/> (Raft §7), replacing its state machine.</summary>
    void OnSnapshotInstalled(int peerId, long term, long snapshotIndex);

    /// <summary>The peer applied the configuration entry at <paramref name="index"/>: <paramref name="membership"/> is committed.</summary>
    void OnMembershipApplied(int peerId, long term, long index, Membership membership);

    /// <summary>This leader began handing leadership to <paramref name="target"/>; the index is its commit index.</summary>
    void OnTransferStarted(int peerId, long term, long commitIndex, int target);

    /// <summary>
    /// The transfer to <paramref name="target"/> ended: <paramref name="steppedDown"/> when this peer is no longer
    /// leader (a higher term came), else it gave up (an election timeout passed, or the target stopped being a
    /// voter) and leads on. The index is its commit index.
    /// </summary>
    void OnTransferEnded(int peerId, long term, long commitIndex, int target, bool steppedDown);
}

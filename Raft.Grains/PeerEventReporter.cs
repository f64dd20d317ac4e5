using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Grains;

/// <summary>
/// Reports the Raft events a peer's node only shows as changed state (snapshots, membership, leadership
/// transfer) by comparing it after each Ready with what it was after the one before. Reporting only: it
/// decides nothing the protocol depends on. Runs on the peer's turn, as the observer requires.
/// </summary>
/// <remarks>
/// A snapshot index that grew past the applied index seen last was installed from the leader: a follower
/// installs only a snapshot beyond its commit index (RaftNode.HandleSnapshotChunk), and applied never passes
/// commit. One at or below it was taken here, at the applied index, by the driver's compaction, which runs
/// after a Ready's callback: so a taken snapshot is reported after the next Ready, once it is durable.
/// </remarks>
public sealed class PeerEventReporter(int peerId, IRaftPeerObserver observer, RaftNode node)
{
    private long _snapshotIndex = node.SnapshotIndex;
    private long _appliedIndex = node.AppliedIndex;
    private int _transferee = node.LeadTransferee;

    public void AfterReady()
    {
        if (node.SnapshotIndex > _snapshotIndex)
        {
            if (node.SnapshotIndex > _appliedIndex) observer.OnSnapshotInstalled(peerId, node.Term, node.SnapshotIndex);
            else observer.OnSnapshotTaken(peerId, node.Term, node.SnapshotIndex);
            _snapshotIndex = node.SnapshotIndex;
        }
        _appliedIndex = node.AppliedIndex;

        if (node.LeadTransferee != _transferee)
        {
            if (_transferee != 0) observer.OnTransferEnded(peerId, node.Term, node.CommitIndex, _transferee, steppedDown: node.Role != RaftRole.Leader);
            if (node.LeadTransferee != 0) observer.OnTransferStarted(peerId, node.Term, node.CommitIndex, node.LeadTransferee);
            _transferee = node.LeadTransferee;
        }
    }

    /// <summary>From the applier, as a configuration entry is applied (the entry is still in the log, so the node knows its membership).</summary>
    public void ConfigurationApplied(Entry entry) => observer.OnMembershipApplied(peerId, node.Term, entry.Index, node.MembershipAt(entry.Index));
}

using Raft.Core.Messages;

namespace Raft.Core.Node;

public enum TransferOutcome : byte
{
    /// <summary>The transfer is under way: TimeoutNow goes to the target once its log matches the leader's.</summary>
    Accepted = 0,
    NotLeader,
    /// <summary>The target is this peer, which already leads.</summary>
    AlreadyLeader,
    /// <summary>The target is not a voter of the membership in effect.</summary>
    NotAVoter,
}

/// <summary>
/// Leadership transfer (dissertation §3.10): the leader stops taking proposals, brings the target's log up
/// to its own, then sends TimeoutNow, and the target campaigns at once, past the others' CheckQuorum
/// lease. A transfer that has not finished after an election timeout is abandoned.
/// </summary>
public sealed partial class RaftNode
{
    private int _transferee;
    private int _transferElapsedTicks;

    /// <summary>The peer leadership is moving to, or 0.</summary>
    public int LeadTransferee => _transferee;

    public (TransferOutcome Outcome, int LeaderHint) TransferLeadership(int to)
    {
        if (Role != RaftRole.Leader) return (TransferOutcome.NotLeader, Leader);
        if (to == Id) return (TransferOutcome.AlreadyLeader, Id);
        if (!_membership.IsVoter(to)) return (TransferOutcome.NotAVoter, Id);
        if (_transferee == to) return (TransferOutcome.Accepted, Id);
        _transferee = to;
        _transferElapsedTicks = 0;
        if (_progress[to].Match == _log.LastIndex) SendTimeoutNow(to);
        else SendAppend(to, sendIfEmpty: true);
        return (TransferOutcome.Accepted, Id);
    }

    private void SendTimeoutNow(int to) => Send(new Message { Type = MessageType.TimeoutNow, From = Id, To = to, Term = Term });

    /// <summary>Called on each leader tick: gives up a transfer that took an election timeout.</summary>
    private void TickTransfer()
    {
        if (_transferee == 0) return;
        if (++_transferElapsedTicks >= _config.ElectionTicks) _transferee = 0;
    }

    /// <summary>Called when a follower's match grows: the transfer target has caught up.</summary>
    private void MaybeSendTimeoutNow(int peer, long match)
    {
        if (peer == _transferee && match == _log.LastIndex) SendTimeoutNow(peer);
    }

    /// <summary>The leader asks us to campaign now. A learner, or a peer that is not a member, cannot.</summary>
    private StepOutcome HandleTimeoutNow(Message m)
    {
        if (!IsVoter) return StepOutcome.NotApplicable;
        _electionElapsedTicks = 0;
        Campaign(preVote: false, leaderTransfer: true);
        return StepOutcome.Accepted;
    }
}

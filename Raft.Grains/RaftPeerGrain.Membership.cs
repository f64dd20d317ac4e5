using Raft.Core.Members;
using Raft.Core.Node;
using Raft.Grains.Members;

namespace Raft.Grains;

/// <summary>
/// Membership changes and leadership transfer at the leader. Like proposals, each call steps the node
/// synchronously before its first await and then waits without holding the peer's turn: a change waits
/// in <see cref="ProposalWaiters"/> for its configuration entry to apply (the applier settles waiters on
/// every entry type), a transfer in <see cref="TransferWaiters"/> until this peer follows the target.
/// </summary>
public sealed partial class RaftPeerGrain
{
    private readonly TransferWaiters _transfers = new();

    public async Task<MembershipReply> ChangeMembershipAsync(MembershipChange change, CancellationToken cancellationToken)
    {
        if (OutOfService) return MembershipReply.Refused(MembershipStatus.NotLeader, 0);
        var result = Node.ProposeMembership(change);
        if (!result.IsAccepted) return MembershipReply.Refused(ToStatus(result.Outcome), result.Outcome == MembershipChangeOutcome.NotLeader ? result.LeaderHint : 0);
        var completion = _waiters.Add(result.Index, result.Term);
        Kick();
        try
        {
            var reply = await completion.WaitAsync(Settings.ProposeTimeout, timeProvider, cancellationToken).ConfigureAwait(true);
            return new MembershipReply(reply.Status switch
            {
                ProposeStatus.Applied => MembershipStatus.Committed,
                ProposeStatus.LeadershipLost => MembershipStatus.LeadershipLost,
                _ => MembershipStatus.Unknown,
            }, result.Index, result.Term, 0);
        }
        catch (TimeoutException)
        {
            _waiters.Abandon(result.Index, result.Term);
            return new MembershipReply(MembershipStatus.Timeout, result.Index, result.Term, 0);
        }
        catch (OperationCanceledException)
        {
            _waiters.Abandon(result.Index, result.Term);
            throw;
        }
    }

    public async Task<TransferReply> TransferLeadershipAsync(int to, CancellationToken cancellationToken)
    {
        if (OutOfService) return new TransferReply(TransferStatus.NotLeader, 0);
        var (outcome, leaderHint) = Node.TransferLeadership(to);
        switch (outcome)
        {
            case TransferOutcome.AlreadyLeader:
                return new TransferReply(TransferStatus.Completed, PeerId);
            case TransferOutcome.NotLeader:
                return new TransferReply(TransferStatus.NotLeader, leaderHint);
            case TransferOutcome.NotAVoter:
                return new TransferReply(Node.Membership.Contains(to) ? TransferStatus.NotAVoter : TransferStatus.UnknownMember, PeerId);
        }
        var completion = _transfers.Add(to);
        Kick();
        try
        {
            return await completion.WaitAsync(TransferTimeout, timeProvider, cancellationToken).ConfigureAwait(true);
        }
        catch (TimeoutException)
        {
            _transfers.Abandon(completion);
            return new TransferReply(TransferStatus.Timeout, Node.Role == RaftRole.Leader ? PeerId : Node.Leader);
        }
        catch (OperationCanceledException)
        {
            _transfers.Abandon(completion);
            throw;
        }
    }

    /// <summary>
    /// The node gives a transfer up after one election timeout; the target's election after TimeoutNow can
    /// take up to one more. Past two, the caller hears Timeout whatever the node still hopes.
    /// </summary>
    private TimeSpan TransferTimeout => Settings.TickInterval * (2 * Settings.Raft.ElectionTicks);

    /// <summary>After every Ready: answer the transfers this peer's view of the leader decides.</summary>
    private void SettleTransfers()
    {
        if (_transfers.Count > 0) _transfers.Settle(Node.Role, Node.Role == RaftRole.Leader ? PeerId : Node.Leader, Node.LeadTransferee);
    }

    private static MembershipStatus ToStatus(MembershipChangeOutcome outcome) => outcome switch
    {
        MembershipChangeOutcome.NotLeader => MembershipStatus.NotLeader,
        MembershipChangeOutcome.ChangePending => MembershipStatus.ChangePending,
        MembershipChangeOutcome.LeaderNotReady => MembershipStatus.LeaderNotReady,
        MembershipChangeOutcome.TransferInProgress => MembershipStatus.TransferInProgress,
        MembershipChangeOutcome.AlreadyMember => MembershipStatus.AlreadyMember,
        MembershipChangeOutcome.AlreadyVoter => MembershipStatus.AlreadyVoter,
        MembershipChangeOutcome.UnknownMember => MembershipStatus.UnknownMember,
        MembershipChangeOutcome.LastVoter => MembershipStatus.LastVoter,
        _ => MembershipStatus.InvalidPeer,
    };
}

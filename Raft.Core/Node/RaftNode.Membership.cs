using Raft.Core.Members;
using Raft.Core.Messages;
using Raft.Core.Progress;

namespace Raft.Core.Node;

/// <summary>
/// Membership changes one server at a time (dissertation §4.1-4.2): a new membership takes effect as soon
/// as it is appended, a leader takes one change at a time and only after it committed an entry of its own
/// term, learners receive the log without voting, and a leader that removed itself steps down once that
/// change commits.
/// </summary>
public sealed partial class RaftNode
{
    private bool IsVoter => _membership.IsVoter(Id);

    /// <summary>
    /// Voters campaign; so does a voter whose removal is appended but not committed. Otherwise a leader that
    /// removed itself and lost its leadership before the removal committed could leave the group stuck: the
    /// others, still in the old membership, need its vote but their logs lack the removal, so it refuses
    /// them, and it would not run itself. It campaigns for the votes of the new membership, which does not
    /// count its own, and once elected commits the removal and steps down (dissertation §4.2.2).
    /// </summary>
    private bool CanCampaign => IsVoter
        || (_log.Memberships.LatestChangeIndex > _log.Committed && _log.Memberships.At(_log.Memberships.LatestChangeIndex - 1).IsVoter(Id));

    private int Quorum => _membership.Quorum;

    /// <summary>Appends a membership change to the leader's log; a typed refusal changes nothing.</summary>
    public MembershipChangeResult ProposeMembership(MembershipChange change)
    {
        if (Role != RaftRole.Leader) return Refused(MembershipChangeOutcome.NotLeader, Leader);
        if (_transferee != 0) return Refused(MembershipChangeOutcome.TransferInProgress, Id);
        // The dissertation's fix (§4.1, "a leader must commit an entry of its own term"): before that, a
        // change of an earlier leader's may still be pending unseen, and two changes at once break overlap.
        // Checked first: a change that looks pending to a new leader may only be waiting for that commit.
        if (!_log.Term(_log.Committed).Is(Term)) return Refused(MembershipChangeOutcome.LeaderNotReady, Id);
        if (_log.Memberships.LatestChangeIndex > _log.Committed) return Refused(MembershipChangeOutcome.ChangePending, Id);
        var outcome = _membership.TryApply(change, out var next);
        if (outcome != MembershipChangeOutcome.Accepted) return Refused(outcome, Id);
        var entry = new Entry(Term, _log.LastIndex + 1, EntryType.Configuration, MembershipCodec.Encode(next));
        AppendAsLeader(entry);
        BroadcastAppend();
        return new MembershipChangeResult(MembershipChangeOutcome.Accepted, entry.Index, entry.Term, Id);
    }

    private static MembershipChangeResult Refused(MembershipChangeOutcome outcome, int leaderHint) => new(outcome, 0, 0, leaderHint);

    /// <summary>
    /// Brings everything derived from the membership up to date after the log changed: whom to send to, the
    /// leader's progress of each member, and the roles a peer may no longer hold.
    /// </summary>
    private void SyncMembership(bool force = false)
    {
        var current = _log.Memberships.Current;
        // While a change is uncommitted, the leader also keeps replicating to the members it removes, so that
        // they learn of their removal (and stop campaigning) instead of being cut off before it reaches them.
        var history = _log.Memberships;
        var leavingFrom = history.LatestChangeIndex > _log.Committed ? history.At(history.LatestChangeIndex - 1) : null;
        if (!force && ReferenceEquals(current, _membership) && ReferenceEquals(leavingFrom, _leavingFrom)) return;
        _membership = current;
        _leavingFrom = leavingFrom;
        _others = OthersIn(current, leavingFrom);
        if (Role == RaftRole.Leader)
        {
            foreach (var gone in _progress.Keys.Where(p => p != Id && !_others.Contains(p)).ToArray()) _progress.Remove(gone);
            foreach (var peer in _others)
            {
                if (_progress.ContainsKey(peer)) continue;
                _progress[peer] = new FollowerProgress(_log.LastIndex + 1, _config.MaxInflightMessages) { RecentActive = true };
                SendAppend(peer, sendIfEmpty: true);
            }
            if (_transferee != 0 && !current.IsVoter(_transferee)) _transferee = 0;
        }
        else if (Role is RaftRole.Candidate or RaftRole.PreCandidate && !CanCampaign)
        {
            BecomeFollower(Term, 0);
        }
    }

    /// <summary>
    /// A leader outside the membership it committed steps down (dissertation §4.2.2). It hands over to the
    /// most caught-up voter at once, so the group does not wait out an election timeout.
    /// </summary>
    private void StepDownIfRemoved()
    {
        if (Role != RaftRole.Leader || IsVoter || _log.Memberships.LatestChangeIndex > _log.Committed) return;
        var successor = _membership.Voters
            .Where(v => _progress.TryGetValue(v, out var p) && p.Match == _log.LastIndex)
            .FirstOrDefault();
        if (successor != 0) Send(new Message { Type = MessageType.TimeoutNow, From = Id, To = successor, Term = Term });
        BecomeFollower(Term, 0);
    }

    // The membership before an uncommitted change, whose leaving members are still replicated to; or null.
    private Membership? _leavingFrom;

    private int[] OthersIn(Membership membership, Membership? leavingFrom = null) =>
        membership.Members.Concat(leavingFrom?.Members ?? []).Distinct().Where(m => m != Id).Order().ToArray();

    /// <summary>Whether a quorum of voters, counting this peer when it votes, holds (or acknowledged) the given set.</summary>
    private bool IsQuorum(IEnumerable<int> peers) => peers.Count(_membership.IsVoter) >= Quorum;

    private void ResetProgressForLeadership()
    {
        foreach (var peer in _others.Append(Id))
        {
            _progress[peer] = new FollowerProgress(_log.LastIndex + 1, _config.MaxInflightMessages) { RecentActive = peer == Id };
        }
        // Only what is on disk: a write may still be in flight (OnOwnLogStable catches up after it).
        _progress[Id].MaybeUpdate(_log.Stabled);
        _progress[Id].BecomeReplicate();
    }
}

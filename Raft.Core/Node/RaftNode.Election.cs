using Raft.Core.Messages;

namespace Raft.Core.Node;

/// <summary>Elections: timeouts, PreVote, votes and role changes (Raft §5.2, dissertation §9.6).</summary>
public sealed partial class RaftNode
{
    private void TickElection()
    {
        // The clock runs for everyone, since the CheckQuorum lease is measured by it; but learners, and peers
        // not (or not yet, as far as they know) voters, never campaign.
        if (_electionElapsedTicks < int.MaxValue) _electionElapsedTicks++;
        if (!CanCampaign) return;
        if (_electionElapsedTicks >= _randomizedElectionTicks)
        {
            _electionElapsedTicks = 0;
            Campaign(preVote: _config.PreVote);
        }
    }

    public void BecomeFollower(long term, int leader)
    {
        Reset(term);
        Leader = leader;
        Role = RaftRole.Follower;
    }

    /// <summary>Asks for votes at Term+1 without taking that term; a peer that cannot win changes nothing.</summary>
    private void BecomePreCandidate()
    {
        if (Role == RaftRole.Leader) throw new RaftInvariantException("a leader cannot become a pre-candidate");
        _votes.Clear();
        _progress.Clear();
        Leader = 0;
        Role = RaftRole.PreCandidate;
    }

    private void BecomeCandidate()
    {
        if (Role == RaftRole.Leader) throw new RaftInvariantException("a leader cannot become a candidate");
        Reset(Term + 1);
        VotedFor = Id;
        Role = RaftRole.Candidate;
    }

    /// <summary>
    /// Starts a (pre-)election: vote for ourselves, ask everyone else. A one-peer cluster wins at once.
    /// </summary>
    private void Campaign(bool preVote, bool leaderTransfer = false)
    {
        long voteTerm;
        MessageType requestType;
        if (preVote)
        {
            BecomePreCandidate();
            voteTerm = Term + 1;
            requestType = MessageType.PreVote;
        }
        else
        {
            BecomeCandidate();
            voteTerm = Term;
            requestType = MessageType.Vote;
        }

        if (RecordVote(Id, granted: true) == VoteTally.Won)
        {
            WinVote(preVote);
            return;
        }
        foreach (var peer in _membership.Voters)
        {
            if (peer == Id) continue;
            Send(new Message
            {
                Type = requestType,
                From = Id,
                To = peer,
                Term = voteTerm,
                Index = _log.LastIndex,
                LogTerm = _log.LastTerm,
                LeaderTransfer = leaderTransfer,
            });
        }
    }

    private void WinVote(bool preVote)
    {
        if (preVote) Campaign(preVote: false);
        else BecomeLeader();
    }

    /// <summary>
    /// Raft §5.2 and §5.4.1: grant at most one vote per term, and only to a candidate whose log is at
    /// least as up to date as ours. A PreVote for a later term is granted on the log alone and records nothing.
    /// </summary>
    private StepOutcome HandleVoteRequest(Message m)
    {
        var isPreVote = m.Type == MessageType.PreVote;
        var canVote = VotedFor == m.From
            || (VotedFor == 0 && Leader == 0)
            || (isPreVote && m.Term > Term);
        var responseType = isPreVote ? MessageType.PreVoteResponse : MessageType.VoteResponse;
        if (canVote && _log.IsUpToDate(m.Index, m.LogTerm))
        {
            // A granted PreVote answers with the term asked about, so the pre-candidate does not
            // mistake our grant for news of a later term.
            Send(new Message { Type = responseType, From = Id, To = m.From, Term = m.Term });
            if (!isPreVote)
            {
                _electionElapsedTicks = 0;
                VotedFor = m.From;
            }
        }
        else
        {
            Send(new Message { Type = responseType, From = Id, To = m.From, Term = Term, Reject = true });
        }
        return StepOutcome.Accepted;
    }

    private StepOutcome StepCandidate(Message m)
    {
        switch (m.Type)
        {
            case MessageType.Append:
                BecomeFollower(m.Term, m.From);
                return HandleAppend(m);
            case MessageType.Heartbeat:
                BecomeFollower(m.Term, m.From);
                return HandleHeartbeat(m);
            case MessageType.Snapshot:
                BecomeFollower(m.Term, m.From);
                return HandleSnapshotChunk(m);
            case MessageType.VoteResponse when Role == RaftRole.Candidate:
            case MessageType.PreVoteResponse when Role == RaftRole.PreCandidate:
                switch (RecordVote(m.From, !m.Reject))
                {
                    case VoteTally.Won:
                        WinVote(Role == RaftRole.PreCandidate);
                        break;
                    case VoteTally.Lost:
                        BecomeFollower(Term, 0);
                        break;
                }
                return StepOutcome.Accepted;
            default:
                return StepOutcome.NotApplicable;
        }
    }

    private enum VoteTally { Pending, Won, Lost }

    private VoteTally RecordVote(int from, bool granted)
    {
        // Only the votes of voters count; a learner's answer (it may not know it was promoted) does not.
        if (_membership.IsVoter(from)) _votes.TryAdd(from, granted);
        var yes = 0;
        var no = 0;
        foreach (var vote in _votes.Values)
        {
            if (vote) yes++;
            else no++;
        }
        if (yes >= Quorum) return VoteTally.Won;
        if (no > _membership.Voters.Count - Quorum) return VoteTally.Lost;
        return VoteTally.Pending;
    }
}

using Raft.Core.Messages;

namespace Raft.Core.Node;

/// <summary>The follower side of replication: the consistency check and conflict truncation (Raft §5.3).</summary>
public sealed partial class RaftNode
{
    private StepOutcome StepFollower(Message m)
    {
        switch (m.Type)
        {
            case MessageType.Append:
                _electionElapsedTicks = 0;
                Leader = m.From;
                return HandleAppend(m);
            case MessageType.Heartbeat:
                _electionElapsedTicks = 0;
                Leader = m.From;
                return HandleHeartbeat(m);
            case MessageType.Snapshot:
                _electionElapsedTicks = 0;
                Leader = m.From;
                return HandleSnapshotChunk(m);
            case MessageType.TimeoutNow when m.From == Leader:
                return HandleTimeoutNow(m);
            default:
                return StepOutcome.NotApplicable;
        }
    }

    private StepOutcome HandleAppend(Message m)
    {
        if (m.Index < _log.Committed)
        {
            // A delayed Append: what it carries up to our commit must agree with what we committed.
            foreach (var entry in m.Entries)
            {
                if (entry.Index > _log.Committed) break;
                // Entries in our snapshot are committed; only the snapshot knows their terms now.
                if (entry.Index < _log.FirstIndex) continue;
                if (!_log.MatchTerm(entry.Index, entry.Term)) return StepOutcome.ConflictsWithCommitted;
            }
            // Everything up to our commit is settled; tell the leader where we are.
            Send(new Message { Type = MessageType.AppendResponse, From = Id, To = m.From, Term = Term, Index = _log.Committed });
            return StepOutcome.Accepted;
        }

        var lastNew = _log.TryAppendAfter(m.Index, m.LogTerm, m.Entries);
        if (lastNew is { } matched)
        {
            SyncMembership();
            _log.CommitTo(Math.Min(m.Commit, matched));
            Send(new Message { Type = MessageType.AppendResponse, From = Id, To = m.From, Term = Term, Index = matched });
            return StepOutcome.Accepted;
        }

        // The consistency check failed. Hint the last index whose term is at most the leader's prevLogTerm,
        // so the leader skips every entry of a divergent term in one round trip.
        var (hintIndex, hintTerm) = _log.FindConflictByTerm(Math.Min(m.Index, _log.LastIndex), m.LogTerm);
        Send(new Message
        {
            Type = MessageType.AppendResponse,
            From = Id,
            To = m.From,
            Term = Term,
            Index = m.Index,
            Reject = true,
            RejectHint = hintIndex,
            LogTerm = hintTerm,
        });
        return StepOutcome.Accepted;
    }

    private StepOutcome HandleHeartbeat(Message m)
    {
        _log.CommitTo(m.Commit);
        Send(new Message { Type = MessageType.HeartbeatResponse, From = Id, To = m.From, Term = Term, Context = m.Context });
        return StepOutcome.Accepted;
    }
}

using Raft.Core.Messages;
using Raft.Core.Progress;

namespace Raft.Core.Node;

/// <summary>The leader: heartbeats, CheckQuorum, flow-controlled replication and the commit rule (Raft §5.3, §5.4.2).</summary>
public sealed partial class RaftNode
{
    private void BecomeLeader()
    {
        if (Role != RaftRole.Candidate) throw new RaftInvariantException($"only a candidate can become leader, not a {Role}");
        Reset(Term);
        Leader = Id;
        // Whom to replicate to depends on the commit index too (members leaving in an uncommitted change).
        SyncMembership(force: true);
        Role = RaftRole.Leader;
        _snapshotReceiver.Reset();
        ResetProgressForLeadership();
        // A no-op of the new term: entries of earlier terms commit only once an entry of the leader's own
        // term does (Raft §5.4.2, Figure 8), so a leader appends one at once to learn its commit index.
        AppendAsLeader(new Entry(Term, _log.LastIndex + 1, EntryType.NoOp, ReadOnlyMemory<byte>.Empty));
        BroadcastAppend();
    }

    private void AppendAsLeader(Entry entry)
    {
        _log.AppendOwn(entry);
        _uncommittedBytes += entry.Size;
        // The leader's own match follows its stable log (OnOwnLogStable), not its appends: its appends may
        // reach the followers before its own disk, and a quorum must be of durable copies.
        SyncMembership();
    }

    /// <summary>After a write: the leader's stable log may complete a quorum that the followers' acknowledgements alone did not.</summary>
    private void OnOwnLogStable()
    {
        if (!_progress.TryGetValue(Id, out var self) || !self.MaybeUpdate(_log.Stabled)) return;
        if (MaybeCommit()) BroadcastAppend();
    }

    private void TickHeartbeat()
    {
        _heartbeatElapsedTicks++;
        _electionElapsedTicks++;
        TickTransfer();
        TickSnapshots();
        if (_electionElapsedTicks >= _config.ElectionTicks)
        {
            _electionElapsedTicks = 0;
            if (_config.CheckQuorum && !CheckQuorumActive())
            {
                // Dissertation §6.2: a leader cut off from a majority steps down, so clients go elsewhere.
                BecomeFollower(Term, 0);
                return;
            }
        }
        if (_heartbeatElapsedTicks >= _config.HeartbeatTicks)
        {
            _heartbeatElapsedTicks = 0;
            BroadcastHeartbeat();
        }
    }

    /// <summary>Whether a quorum (ourselves included) was heard from since the last check; resets the marks.</summary>
    private bool CheckQuorumActive()
    {
        var active = new List<int>();
        foreach (var (peer, progress) in _progress)
        {
            if (peer == Id || progress.RecentActive) active.Add(peer);
            if (peer != Id) progress.RecentActive = false;
        }
        return IsQuorum(active);
    }

    private void BroadcastHeartbeat()
    {
        var context = NewestReadContext();
        foreach (var peer in _others) Send(Heartbeat(peer, context));
    }

    /// <summary>A heartbeat to <paramref name="peer"/>: the commit index as far as its log is known to match.</summary>
    private Message Heartbeat(int peer, long context) => new()
    {
        Type = MessageType.Heartbeat,
        From = Id,
        To = peer,
        Term = Term,
        Commit = Math.Min(_progress[peer].Match, _log.Committed),
        Context = context,
    };

    /// <summary>
    /// Every follower is to get an append from its Next (new entries, the new commit index): at the next
    /// <see cref="FlushBroadcast"/>, so that the proposals and commits between two Readies leave as one
    /// append per follower instead of one each.
    /// </summary>
    private void BroadcastAppend()
    {
        if (Role == RaftRole.Leader) _broadcastPending = true;
    }

    /// <summary>
    /// Sends the read round (<see cref="FlushReadRound"/>) and the appends <see cref="BroadcastAppend"/> asked
    /// for; before anything reads the outbox. What it
    /// sends is built from the progress and log of now, so deferring it only merges messages: a leader may
    /// send a follower an append from its Next at any time.
    /// </summary>
    private void FlushBroadcast()
    {
        FlushReadRound();
        if (!_broadcastPending) return;
        _broadcastPending = false;
        if (Role != RaftRole.Leader) return;
        foreach (var peer in _others) SendAppend(peer, sendIfEmpty: true);
    }

    /// <summary>
    /// Sends the follower the entries from its Next, within the per-message caps, unless its progress is
    /// paused. Returns whether a message went out.
    /// </summary>
    private bool SendAppend(int peer, bool sendIfEmpty)
    {
        var progress = _progress[peer];
        if (progress.IsPaused) return false;
        var prevIndex = progress.Next - 1;
        var prev = _log.Term(prevIndex);
        if (prev.Status == Log.TermLookupStatus.Compacted)
        {
            StartSnapshot(peer, progress);
            return true;
        }
        if (!prev.IsFound) throw new RaftInvariantException($"no term for index {prevIndex} sending to {peer}: {prev}");
        var prevTerm = prev.Term;
        var entries = _log.Slice(progress.Next, _log.LastIndex, _config.MaxBytesPerMessage, _config.MaxEntriesPerMessage);
        if (entries.Count == 0 && !sendIfEmpty) return false;
        if (entries.Count > 0)
        {
            if (progress.State == ReplicationState.Replicate)
            {
                var last = entries[^1].Index;
                progress.SentUpTo(last);
                progress.Inflights.Add(last);
            }
            else
            {
                progress.ProbeSent = true;
            }
        }
        else if (progress.State == ReplicationState.Probe)
        {
            progress.ProbeSent = true;
        }
        Send(new Message
        {
            Type = MessageType.Append,
            From = Id,
            To = peer,
            Term = Term,
            Index = prevIndex,
            LogTerm = prevTerm,
            Entries = entries,
            Commit = _log.Committed,
        });
        return true;
    }

    private StepOutcome StepLeader(Message m)
    {
        if (!_progress.TryGetValue(m.From, out var progress) || m.From == Id) return StepOutcome.NotApplicable;
        switch (m.Type)
        {
            case MessageType.AppendResponse:
                if (!m.Reject && m.Index > _log.LastIndex) return StepOutcome.IndexPastLog;
                progress.RecentActive = true;
                if (m.Reject) HandleAppendRejection(m.From, progress, m);
                else HandleAppendAcceptance(m.From, progress, m.Index);
                return StepOutcome.Accepted;
            case MessageType.HeartbeatResponse when m.Reject:
                // The follower's log ends before what it acknowledged: its disk lost entries. Start over
                // from where it ends (a probe, or the snapshot when that is compacted away).
                if (m.RejectHint >= progress.Match) return StepOutcome.NotApplicable;
                progress.RestartAfterLoss(m.RejectHint);
                SendAppend(m.From, sendIfEmpty: true);
                return StepOutcome.Accepted;
            case MessageType.HeartbeatResponse:
                progress.RecentActive = true;
                progress.ProbeSent = false;
                AcknowledgeRead(m.From, m.Context);
                if (progress.State == ReplicationState.Replicate && progress.Inflights.Full) progress.Inflights.FreeFirst();
                if (progress.Match < _log.LastIndex) SendAppend(m.From, sendIfEmpty: true);
                return StepOutcome.Accepted;
            case MessageType.SnapshotResponse:
                progress.RecentActive = true;
                return HandleSnapshotResponse(m.From, progress, m);
            case MessageType.Append or MessageType.Heartbeat or MessageType.Snapshot:
                // Another leader in our own term would break Election Safety; only a broken peer says so.
                return StepOutcome.Malformed;
            default:
                return StepOutcome.NotApplicable;
        }
    }

    private void HandleAppendRejection(int peer, FollowerProgress progress, Message m)
    {
        // The follower's hint names the last index whose term is at most the one we asked about; find the
        // last index in our log at or below it with a term no greater than the follower's term there.
        var hint = m.RejectHint;
        if (m.LogTerm > 0) hint = _log.FindConflictByTerm(m.RejectHint, m.LogTerm).Index;
        if (progress.MaybeDecreaseTo(m.Index, hint))
        {
            if (progress.State == ReplicationState.Replicate) progress.BecomeProbe();
            SendAppend(peer, sendIfEmpty: true);
        }
    }

    private void HandleAppendAcceptance(int peer, FollowerProgress progress, long index)
    {
        var wasPaused = progress.IsPaused;
        if (!progress.MaybeUpdate(index))
        {
            if (wasPaused && !progress.IsPaused) SendAppend(peer, sendIfEmpty: false);
            return;
        }
        switch (progress.State)
        {
            case ReplicationState.Probe:
                progress.BecomeReplicate();
                break;
            case ReplicationState.Snapshot:
                // The follower installed the snapshot (or caught up past it some other way).
                if (progress.Match < progress.PendingSnapshot) return;
                progress.BecomeReplicate();
                break;
            default:
                progress.Inflights.FreeUpTo(index);
                break;
        }
        MaybeSendTimeoutNow(peer, progress.Match);

        if (MaybeCommit()) BroadcastAppend();
        // Stream whatever is left, as far as the in-flight cap allows (unless that commit ended our leadership).
        while (Role == RaftRole.Leader && SendAppend(peer, sendIfEmpty: false))
        {
        }
    }

    /// <summary>
    /// Advances the commit index to the highest index a quorum holds, but only when that entry is of the
    /// current term (Raft §5.4.2): counting replicas of an older term's entry is unsafe (Figure 8).
    /// </summary>
    private bool MaybeCommit()
    {
        var voters = _membership.Voters;
        if (voters.Count == 0) return false;
        Span<long> matches = stackalloc long[voters.Count];
        var i = 0;
        // Only voters count, and a leader that removed itself does not count its own log (dissertation §4.2.2).
        foreach (var voter in voters) matches[i++] = _progress.TryGetValue(voter, out var progress) ? progress.Match : 0;
        matches.Sort();
        var quorumIndex = matches[matches.Length - Quorum];
        if (quorumIndex <= _log.Committed || !_log.Term(quorumIndex).Is(Term)) return false;
        var released = 0L;
        for (var index = _log.Committed + 1; index <= quorumIndex; index++) released += _log.At(index).Size;
        _log.CommitTo(quorumIndex);
        _uncommittedBytes = Math.Max(0, _uncommittedBytes - released);
        ReleaseReadsAwaitingTermCommit();
        SyncMembership();
        StepDownIfRemoved();
        return true;
    }
}

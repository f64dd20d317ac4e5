using Raft.Core.Messages;

namespace Raft.Core.Node;

/// <summary>
/// Linearizable reads without writing to the log (dissertation §6.4): the leader notes its commit index,
/// confirms with a round of heartbeats that a quorum still follows it, and then hands the host that index.
/// A leader that has not yet committed an entry of its own term does not know the latest commit index, so
/// it holds reads until its no-op commits.
/// </summary>
public sealed partial class RaftNode
{
    private sealed class PendingRead(long context, long index)
    {
        public long Context { get; } = context;
        public long Index { get; } = index;
        public HashSet<int> Acks { get; } = [];
    }

    // Reads confirmed by no quorum yet, oldest first; a quorum acknowledging one confirms every older one.
    private readonly List<PendingRead> _pendingReads = [];
    // Reads that wait for the first commit of the leader's term.
    private readonly List<long> _readsAwaitingTermCommit = [];
    private List<ReadState> _readStates = [];
    // The newest read started since the last round left, whose heartbeat round (FlushReadRound) confirms it
    // and every older one: the reads between two rounds share one round instead of a round each. 0: none.
    private long _readRoundContext;
    // The read whose round left last and that no quorum has confirmed yet. While it waits, newer reads wait
    // for the next round, as etcd's read loop does: one round in flight, not one per Ready. null: none.
    private PendingRead? _readRoundInFlight;

    /// <summary>Asks for a read index under the host's unique non-zero <paramref name="context"/>.</summary>
    public (ReadIndexOutcome Outcome, int LeaderHint) ReadIndex(long context)
    {
        if (Role != RaftRole.Leader) return (ReadIndexOutcome.NotLeader, Leader);
        if (context == 0 || _pendingReads.Any(r => r.Context == context) || _readsAwaitingTermCommit.Contains(context))
            return (ReadIndexOutcome.BadContext, Id);
        if (!_log.Term(_log.Committed).Is(Term))
        {
            _readsAwaitingTermCommit.Add(context);
            return (ReadIndexOutcome.Accepted, Id);
        }
        StartRead(context);
        return (ReadIndexOutcome.Accepted, Id);
    }

    private void StartRead(long context)
    {
        if (IsQuorum([Id]))
        {
            _readStates.Add(new ReadState(context, _log.Committed));
            return;
        }
        var read = new PendingRead(context, _log.Committed);
        read.Acks.Add(Id);
        _pendingReads.Add(read);
        _readRoundContext = context;
    }

    /// <summary>Whether a read round is to leave at the next flush: one waits, and none is in flight.</summary>
    private bool ReadRoundDue => _readRoundContext != 0 && _readRoundInFlight is null;

    /// <summary>
    /// Sends the heartbeat round for the reads started since the last round, under the newest one's context,
    /// unless a round is still in flight: then they wait for its answer (or the next heartbeat, which carries
    /// them too, <see cref="NewestReadContext"/>). The round leaves after every one of those reads noted its
    /// index, so a quorum's answer to it proves this peer still led after each of them began (dissertation
    /// §6.4), which is all a read index needs.
    /// </summary>
    private void FlushReadRound()
    {
        if (!ReadRoundDue) return;
        _readRoundContext = 0;
        if (Role != RaftRole.Leader) return;
        var context = NewestReadContext();
        foreach (var peer in _others) Send(Heartbeat(peer, context));
    }

    /// <summary>
    /// The context a heartbeat carries: the newest unconfirmed read's, whose round it now is. Every heartbeat
    /// carries one, so a round whose messages were lost is sent again at the next heartbeat instead of holding
    /// the reads behind it.
    /// </summary>
    private long NewestReadContext()
    {
        _readRoundContext = 0;
        _readRoundInFlight = _pendingReads.Count > 0 ? _pendingReads[^1] : null;
        return _readRoundInFlight?.Context ?? 0;
    }

    /// <summary>Called when the commit index moves: the first commit of the term releases held reads.</summary>
    private void ReleaseReadsAwaitingTermCommit()
    {
        if (_readsAwaitingTermCommit.Count == 0 || !_log.Term(_log.Committed).Is(Term)) return;
        foreach (var context in _readsAwaitingTermCommit) StartRead(context);
        _readsAwaitingTermCommit.Clear();
    }

    private void AcknowledgeRead(int from, long context)
    {
        if (context == 0) return;
        var position = _pendingReads.FindIndex(r => r.Context == context);
        if (position < 0) return;
        var read = _pendingReads[position];
        read.Acks.Add(from);
        if (!IsQuorum(read.Acks)) return;
        for (var i = 0; i <= position; i++) _readStates.Add(new ReadState(_pendingReads[i].Context, _pendingReads[i].Index));
        _pendingReads.RemoveRange(0, position + 1);
        // Confirmed with the rest: the reads that waited behind its round may have theirs now.
        if (_readRoundInFlight is not null && !_pendingReads.Contains(_readRoundInFlight)) _readRoundInFlight = null;
    }

    /// <summary>Reads still waiting when leadership ends are dropped; the host fails their callers.</summary>
    private void DropPendingReads()
    {
        _pendingReads.Clear();
        _readsAwaitingTermCommit.Clear();
        _readRoundContext = 0;
        _readRoundInFlight = null;
    }
}

using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Simulator.Cluster;

namespace Raft.Simulator.Checking;

/// <summary>
/// Checks Raft's five safety properties (Raft Figure 3) incrementally, after every simulated event, so a
/// violation is caught at the step that causes it. Each check costs work proportional to what changed:
/// new leaders, newly persisted entries, newly committed and applied indexes.
/// </summary>
public sealed class SafetyChecker(Func<long> nowMs)
{
    private readonly Dictionary<long, int> _leaderOfTerm = [];
    private readonly Dictionary<(long Index, long Term), (Entry Entry, long PrevTerm, int Peer)> _entryIdentity = [];
    private readonly List<Entry> _committed = [];
    // The term in which each committed entry was first seen committed: the committing leader's term
    // (a leader learns of a commit before anyone else). Leader Completeness binds leaders of later terms.
    private readonly List<long> _commitTerm = [];
    private readonly Dictionary<int, PeerMarks> _marks = [];
    private readonly List<Violation> _violations = [];
    private int _leadersCheckedThrough;

    private sealed class PeerMarks
    {
        public long CheckedCommit;
        public long CheckedLeaderTerm = -1;
        public long LastApplied;
    }

    public IReadOnlyList<Violation> Violations => _violations;

    /// <summary>The committed log as every peer must see it: entry i at position i-1.</summary>
    public IReadOnlyList<Entry> Committed => _committed;

    public int Elections => _leaderOfTerm.Count;

    private void Fail(RaftProperty property, string detail) => _violations.Add(new Violation(property, nowMs(), detail));

    /// <summary>Records a violation found by another checker, so that one list tells a run's outcome.</summary>
    public void Report(Violation violation) => _violations.Add(violation);

    private PeerMarks MarksOf(int peer)
    {
        if (!_marks.TryGetValue(peer, out var marks)) _marks[peer] = marks = new PeerMarks();
        return marks;
    }

    /// <summary>A restarted peer re-applies from the start and may hold a shorter committed prefix.</summary>
    public void OnRestart(int peer) => _marks[peer] = new PeerMarks();

    /// <summary>Called with each Ready before it is written: the only way a peer's log changes.</summary>
    public void OnPersist(SimPeer peer, RaftNode node, Ready ready)
    {
        if (ready.Entries.Count == 0) return;
        if (node.Role == RaftRole.Leader && ready.Entries[0].Index <= peer.Disk.LastIndex)
        {
            Fail(RaftProperty.LeaderAppendOnly,
                $"leader {peer.Id} (term {node.Term}) rewrites its log from index {ready.Entries[0].Index}; it holds {peer.Disk.LastIndex}");
        }
        foreach (var entry in ready.Entries)
        {
            // Log Matching by induction: if every (index, term) names one entry and one predecessor term,
            // two logs that share an (index, term) share every entry before it.
            var prevTerm = entry.Index == 1 ? 0 : node.TermAt(entry.Index - 1);
            var key = (entry.Index, entry.Term);
            if (_entryIdentity.TryGetValue(key, out var known))
            {
                if (known.PrevTerm != prevTerm || !SameEntry(known.Entry, entry))
                {
                    Fail(RaftProperty.LogMatching,
                        $"peer {peer.Id} holds {entry} after term {prevTerm}; peer {known.Peer} holds {known.Entry} after term {known.PrevTerm}");
                }
            }
            else
            {
                _entryIdentity[key] = (entry, prevTerm, peer.Id);
            }
        }
    }

    public void OnApply(SimPeer peer, Entry entry)
    {
        var marks = MarksOf(peer.Id);
        if (entry.Index != marks.LastApplied + 1)
            Fail(RaftProperty.StateMachineSafety, $"peer {peer.Id} applies index {entry.Index} after {marks.LastApplied}");
        marks.LastApplied = entry.Index;
        RecordCommitted(peer.Id, peer.Node?.Term ?? 0, entry, RaftProperty.StateMachineSafety);
    }

    /// <summary>Checks every live peer after an event.</summary>
    public void AfterEvent(IReadOnlyList<SimPeer> peers)
    {
        foreach (var peer in peers)
        {
            var node = peer.Node;
            if (node is null) continue;
            var marks = MarksOf(peer.Id);
            if (node.Role == RaftRole.Leader && marks.CheckedLeaderTerm != node.Term)
            {
                marks.CheckedLeaderTerm = node.Term;
                CheckNewLeader(peer.Id, node);
            }
            if (node.CommitIndex > marks.CheckedCommit)
            {
                for (var index = marks.CheckedCommit + 1; index <= node.CommitIndex; index++)
                {
                    if (node.TermAt(index) <= 0)
                    {
                        Fail(RaftProperty.StateMachineSafety, $"peer {peer.Id} commits index {index} it does not hold");
                        break;
                    }
                    RecordCommitted(peer.Id, node.Term, node.EntryAt(index), RaftProperty.StateMachineSafety);
                }
                marks.CheckedCommit = node.CommitIndex;
            }
        }
        if (_committed.Count > _leadersCheckedThrough)
        {
            CheckLeadersHoldCommitted(peers, _leadersCheckedThrough);
            _leadersCheckedThrough = _committed.Count;
        }
    }

    private void CheckNewLeader(int id, RaftNode node)
    {
        if (_leaderOfTerm.TryGetValue(node.Term, out var other) && other != id)
        {
            Fail(RaftProperty.ElectionSafety, $"peers {other} and {id} both lead term {node.Term}");
            return;
        }
        _leaderOfTerm[node.Term] = id;
        for (var i = 0; i < _committed.Count; i++)
        {
            var entry = _committed[i];
            if (_commitTerm[i] < node.Term && node.TermAt(entry.Index) != entry.Term)
            {
                Fail(RaftProperty.LeaderCompleteness,
                    $"leader {id} of term {node.Term} lacks committed {entry}; holds term {node.TermAt(entry.Index)} there");
                return;
            }
        }
    }

    private void RecordCommitted(int peer, long term, Entry entry, RaftProperty property)
    {
        var position = (int)(entry.Index - 1);
        if (position < _committed.Count)
        {
            if (!SameEntry(_committed[position], entry))
                Fail(property, $"peer {peer} has {entry} at a committed index where {_committed[position]} was committed");
            return;
        }
        if (position > _committed.Count)
        {
            Fail(property, $"peer {peer} commits {entry} with a gap after committed index {_committed.Count}");
            return;
        }
        _committed.Add(entry);
        _commitTerm.Add(term);
    }

    /// <summary>Leader Completeness for entries committed after a leader was elected: a later-term leader must hold them too.</summary>
    private void CheckLeadersHoldCommitted(IReadOnlyList<SimPeer> peers, int fromIndex)
    {
        foreach (var peer in peers)
        {
            var node = peer.Node;
            if (node is null || node.Role != RaftRole.Leader) continue;
            for (var i = fromIndex; i < _committed.Count; i++)
            {
                var entry = _committed[i];
                if (_commitTerm[i] < node.Term && node.TermAt(entry.Index) != entry.Term)
                {
                    Fail(RaftProperty.LeaderCompleteness,
                        $"leader {peer.Id} of term {node.Term} lacks committed {entry}");
                    return;
                }
            }
        }
    }

    public static bool SameEntry(Entry a, Entry b) =>
        a.Index == b.Index && a.Term == b.Term && a.Type == b.Type && a.Data.Span.SequenceEqual(b.Data.Span);
}

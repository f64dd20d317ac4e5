using Raft.Core.Log;
using Raft.Core.Members;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Core.Snapshots;
using Raft.Simulator.Cluster;

namespace Raft.Simulator.Checking;

/// <summary>
/// Checks Raft's five safety properties (Raft Figure 3) incrementally, as the simulation runs, so a
/// violation is caught at the step that causes it. Each check costs work proportional to what changed:
/// new leaders, newly written entries, newly committed and applied indexes.
/// </summary>
/// <remarks>
/// A node keeps stepping while one of its Readies is being written, so its memory runs ahead of what it
/// has made durable or visible. The checker therefore judges what a peer has done, not what it thinks:
/// entries when their write begins (against the log already on the disk), and a commit index only once
/// the write of the Ready that carries it has completed, which is when the host may send it and apply up
/// to it. A commit the node held only in memory and lost in a crash was never seen by anyone. Each newly
/// committed entry must by then be on the disks of a majority (in a log, or inside a snapshot).
/// <para>
/// Every peer's state machine is compared, after each entry it applies and each snapshot it restores, with
/// a reference state machine rebuilt from the committed log: a snapshot that lost, garbled or skipped
/// anything shows there.
/// </para>
/// </remarks>
public sealed class SafetyChecker(Func<long> nowMs, IReadOnlyList<SimPeer> allPeers)
{
    private readonly Dictionary<long, int> _leaderOfTerm = [];
    private readonly Dictionary<(long Index, long Term), (Entry Entry, long PrevTerm, int Peer)> _entryIdentity = [];
    private readonly List<Entry> _committed = [];
    // The term in which each committed entry was first known committed, by the peer whose write first made
    // it visible (a leader learns of a commit before anyone else). Leader Completeness binds later terms.
    private readonly List<long> _commitTerm = [];
    private readonly Dictionary<int, PeerMarks> _marks = [];
    private readonly List<Violation> _violations = [];
    // The reference state after each committed entry: (history digest, values digest) at position i-1.
    private readonly SimStateMachine _reference = new();
    private readonly List<(ulong History, ulong Values)> _referenceStates = [];
    private int _leadersCheckedThrough;

    /// <summary>What the checker knows of one life of a peer.</summary>
    private sealed class PeerMarks
    {
        /// <summary>Highest commit index the node has held in memory in this life.</summary>
        public long KnownCommit;

        /// <summary>
        /// Each rise of <see cref="KnownCommit"/> not yet made visible, oldest first, with the node's term
        /// then: an index's commit term is the term in which it was first known, not the (possibly later)
        /// term of the Ready that finally carries it.
        /// </summary>
        public readonly Queue<(long UpTo, long Term)> KnownCommitTerms = new();

        /// <summary>Highest commit index this life has made visible: a Ready carrying it has been written.</summary>
        public long VisibleCommit;

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

    /// <summary>
    /// A new life starts from its disk: its commit index is the durable one (possibly older than before the
    /// crash, since a commit-only change is written lazily), which must name committed entries the disk holds.
    /// </summary>
    public void OnRestart(SimPeer peer)
    {
        var node = peer.Node!;
        var marks = _marks[peer.Id] = new PeerMarks();
        // What the disk's snapshot covers was checked when it was taken or installed.
        marks.VisibleCommit = peer.Disk.Snapshot?.Index ?? 0;
        marks.LastApplied = peer.LastApplied;
        MakeVisible(peer, marks, node.CommitIndex, node.Term);
        marks.KnownCommit = node.CommitIndex;
    }

    /// <summary>A peer restored its state machine from a snapshot (at start, or installed from the leader).</summary>
    public void OnRestore(SimPeer peer, Snapshot snapshot)
    {
        if (snapshot.Index > _committed.Count)
            Fail(RaftProperty.StateMachineSafety, $"peer {peer.Id} restores {snapshot.Metadata}, past the committed log's end {_committed.Count}");
        var marks = MarksOf(peer.Id);
        marks.LastApplied = snapshot.Index;
        marks.VisibleCommit = Math.Max(marks.VisibleCommit, snapshot.Index);
    }

    /// <summary>The peer's state machine must equal the reference rebuilt from the committed log at the same index.</summary>
    public void OnStateMachine(SimPeer peer, SimStateMachine state)
    {
        var index = state.AppliedIndex;
        if (index == 0 || index > _referenceStates.Count) return; // past the end: OnApply/OnRestore report it
        var (history, values) = _referenceStates[(int)(index - 1)];
        if (state.HistoryDigest != history || state.ValuesDigest != values)
        {
            Fail(RaftProperty.StateMachineSafety,
                $"peer {peer.Id}'s state at index {index} (history {state.HistoryDigest:x16}, values {state.ValuesDigest:x16}) differs from the committed log's ({history:x16}, {values:x16})");
        }
    }

    /// <summary>After every input stepped into a node: notes the term in which its commit index rose.</summary>
    public void OnStepped(SimPeer peer, RaftNode node)
    {
        var marks = MarksOf(peer.Id);
        if (node.CommitIndex <= marks.KnownCommit) return;
        marks.KnownCommit = node.CommitIndex;
        marks.KnownCommitTerms.Enqueue((node.CommitIndex, node.Term));
    }

    /// <summary>Called with each Ready as its write begins, with the node as it was when the Ready was taken.</summary>
    public void OnPersist(SimPeer peer, RaftNode node, Ready ready)
    {
        if (ready.Entries.Count == 0) return;
        var disk = peer.Disk;
        if (node.Role == RaftRole.Leader && ready.Entries[0].Index <= disk.LastIndex)
        {
            Fail(RaftProperty.LeaderAppendOnly,
                $"leader {peer.Id} (term {node.Term}) rewrites its log from index {ready.Entries[0].Index}; its disk holds {disk.LastIndex}");
        }
        // The first entry's predecessor is on the disk, or is the last entry of the snapshot written with
        // them: a Ready carries every entry after the stable ones.
        var prevIndex = ready.Entries[0].Index - 1;
        var prevTerm = ready.Snapshot is { } installed && installed.Index == prevIndex ? installed.Term : disk.TermAt(prevIndex);
        foreach (var entry in ready.Entries)
        {
            // Log Matching by induction: if every (index, term) names one entry and one predecessor term,
            // two logs that share an (index, term) share every entry before it.
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
            prevTerm = entry.Term;
        }
    }

    /// <summary>
    /// Called when a Ready's write has completed (or, for a lazily written commit, been deferred), just
    /// before the host sends its messages and applies its entries: its commit index is now visible.
    /// </summary>
    public void OnReadyWritten(SimPeer peer, Ready ready)
    {
        if (ready.HardState is not { } hardState) return;
        MakeVisible(peer, MarksOf(peer.Id), hardState.Commit, hardState.Term);
    }

    private void MakeVisible(SimPeer peer, PeerMarks marks, long commit, long fallbackTerm)
    {
        for (var index = marks.VisibleCommit + 1; index <= commit; index++)
        {
            // Whatever a written Ready's commit covers, that Ready or an earlier one wrote to this disk.
            if (peer.Disk.EntryAt(index) is not { } entry && index <= (peer.Disk.Snapshot?.Index ?? 0))
            {
                // Inside the disk's snapshot, which holds only committed entries.
                if (index > _committed.Count)
                    Fail(RaftProperty.StateMachineSafety, $"peer {peer.Id}'s snapshot covers index {index}, past the committed log's end {_committed.Count}");
                continue;
            }
            if (peer.Disk.EntryAt(index) is not { } held)
            {
                Fail(RaftProperty.StateMachineSafety, $"peer {peer.Id} makes commit {commit} visible, but its disk does not hold index {index}");
                return;
            }
            while (marks.KnownCommitTerms.TryPeek(out var rise) && rise.UpTo < index) marks.KnownCommitTerms.Dequeue();
            var term = marks.KnownCommitTerms.TryPeek(out var known) ? known.Term : fallbackTerm;
            RecordCommitted(peer.Id, term, held, RaftProperty.StateMachineSafety);
        }
        marks.VisibleCommit = Math.Max(marks.VisibleCommit, commit);
    }

    public void OnApply(SimPeer peer, Entry entry)
    {
        var marks = MarksOf(peer.Id);
        if (entry.Index != marks.LastApplied + 1)
            Fail(RaftProperty.StateMachineSafety, $"peer {peer.Id} applies index {entry.Index} after {marks.LastApplied}");
        if (entry.Index > marks.VisibleCommit)
            Fail(RaftProperty.StateMachineSafety, $"peer {peer.Id} applies index {entry.Index} before a written Ready made commit {entry.Index} visible (visible: {marks.VisibleCommit})");
        marks.LastApplied = entry.Index;
        RecordCommitted(peer.Id, peer.Node?.Term ?? 0, entry, RaftProperty.StateMachineSafety);
    }

    /// <summary>Checks every live peer's leadership after an event.</summary>
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
            if (_commitTerm[i] < node.Term && !Holds(node, entry))
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
        CheckOnMajorityOfDisks(peer, entry);
        _committed.Add(entry);
        _commitTerm.Add(term);
        _reference.Apply(entry);
        _referenceStates.Add((_reference.HistoryDigest, _reference.ValuesDigest));
        if (entry.Type == EntryType.Configuration && MembershipCodec.TryDecode(entry.Data.Span) is { } membership)
            _committedMemberships.Add((entry.Index, membership));
    }

    /// <summary>Raft §5.3: an entry is committed once a majority stores it; stored means on the disk.</summary>
    private void CheckOnMajorityOfDisks(int peer, Entry entry)
    {
        var holders = allPeers.Where(p => p.Disk.Holds(entry)).Select(p => p.Id).ToArray();
        var memberships = MembershipsThatCouldCommit(entry.Index);
        if (memberships.Any(m => holders.Count(m.IsVoter) >= m.Quorum)) return;
        Fail(RaftProperty.DurableCommit,
            $"peer {peer} makes {entry} visible as committed while only [{string.Join(",", holders)}] hold it on disk, a majority of none of {string.Join("; ", memberships)}");
    }

    /// <summary>The voters first used when the group started (before any configuration entry).</summary>
    public Membership BootstrapMembership { get; set; } = Membership.Empty;

    /// <summary>The membership of the latest committed configuration entry (or the bootstrap one).</summary>
    public Membership CommittedMembership => _committedMemberships.Count > 0 ? _committedMemberships[^1].Membership : BootstrapMembership;

    // Memberships of committed configuration entries, in log order.
    private readonly List<(long Index, Membership Membership)> _committedMemberships = [];

    /// <summary>
    /// The memberships a leader may have counted a quorum in to commit index: the one in effect there, any
    /// that took effect after it (a membership counts from when it is appended), and those live peers use now.
    /// </summary>
    private List<Membership> MembershipsThatCouldCommit(long index)
    {
        var atIndex = _committedMemberships.LastOrDefault(c => c.Index <= index).Membership ?? BootstrapMembership;
        var result = new List<Membership> { atIndex };
        result.AddRange(_committedMemberships.Where(c => c.Index > index).Select(c => c.Membership));
        result.AddRange(allPeers.Where(p => p.Node is not null).Select(p => p.Node!.Membership));
        return result;
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
                if (_commitTerm[i] < node.Term && !Holds(node, entry))
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

    /// <summary>Whether the node holds a committed entry: in its log with the same term, or inside its snapshot
    /// (whose contents the state-machine check compares).</summary>
    private static bool Holds(RaftNode node, Entry entry) =>
        node.TermAt(entry.Index) is var lookup && (lookup.Status == TermLookupStatus.Compacted || lookup.Is(entry.Term));
}

using Raft.Core.Members;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Core.Snapshots;
using Raft.Simulator.Checking;

namespace Raft.Simulator.Cluster;

/// <summary>
/// A whole Raft cluster in virtual time: peers run the production driver and Ready pump over a seeded
/// network and disks, every input is an event that steps a node at once (writes in flight or not), and the
/// safety checker runs after each one. Tests drive it through verbs people use (crash, restart,
/// disconnect, propose) and wait on conditions in virtual time.
/// </summary>
public sealed class SimCluster
{
    private readonly RaftConfig _template;
    private readonly DeterministicRandom _random;
    private readonly List<SimPeer> _peers = [];
    private readonly Dictionary<StepOutcome, long> _outcomes = [];
    private readonly HashSet<int> _disconnected = [];

    public SimCluster(int peerCount, ulong seed, RaftConfig? template = null, Action<string>? trace = null, int? initialVoters = null, SnapshotPolicy? snapshots = null)
    {
        if (peerCount is < 1 or > 15) throw new ArgumentOutOfRangeException(nameof(peerCount), peerCount, "1 to 15 peers");
        Seed = seed;
        _random = new DeterministicRandom(seed);
        Trace = trace;
        Events = new EventQueue();
        Checker = new SafetyChecker(() => Events.NowMs, _peers);
        Reads = new ReadChecker(() => Events.NowMs, Checker.Report);
        Network = new SimNetwork(this, new DeterministicRandom(seed ^ 0x5EED_0F_4E7UL));
        DiskRandom = new DeterministicRandom(seed ^ 0xD15C_57E0UL);
        var ids = Enumerable.Range(1, peerCount).ToArray();
        // Peers past the initial voters start outside the group, as a silo that joins later does.
        var voters = ids[..Math.Clamp(initialVoters ?? peerCount, 1, peerCount)];
        _template = (template ?? new RaftConfig { Id = 1, Peers = voters }) with { Peers = voters, KnownPeers = ids };
        Snapshots = snapshots;
        Checker.BootstrapMembership = Membership.Of(voters);
        foreach (var id in ids) _peers.Add(new SimPeer(id, this));
        foreach (var peer in _peers) StartPeer(peer);
    }

    public ulong Seed { get; }

    /// <summary>When peers snapshot and compact; null: never.</summary>
    public SnapshotPolicy? Snapshots { get; }

    /// <summary>Snapshots peers took of their own state machines.</summary>
    public long Compactions { get; private set; }

    /// <summary>Snapshots peers installed from a leader.</summary>
    public long SnapshotInstalls { get; private set; }

    public EventQueue Events { get; }

    public SimNetwork Network { get; }

    public SafetyChecker Checker { get; }

    public ReadChecker Reads { get; }

    /// <summary>The clients' register history, once <see cref="RecordHistory"/> turns recording on.</summary>
    public RegisterHistory? History { get; private set; }

    public Action<string>? Trace { get; set; }

    /// <summary>The disks' own seeded stream: gaps between a write's two stores, lazy commit flushes.</summary>
    internal DeterministicRandom DiskRandom { get; }

    /// <summary>Inputs stepped into a node while one of its Readies was being written.</summary>
    public long InputsDuringWrites { get; private set; }

    /// <summary>Writes of a Ready whose hard state (new term or vote) follows its entries, in two steps.</summary>
    public long TwoStoreWrites { get; private set; }

    /// <summary>Crashes that fell between a write's log store and its hard-state store.</summary>
    public long TornWrites { get; private set; }

    /// <summary>Crashes that lost a commit index the disk had deferred.</summary>
    public long LostCommitUpdates { get; private set; }

    /// <summary>
    /// Chance that a write whose hard state follows its entries is cut by a crash of its peer between the
    /// two stores; the peer restarts a seeded while later. A nemesis crash rarely lands in that gap of a
    /// few virtual milliseconds, and it is the one fault only the two-store write has.
    /// </summary>
    public double TornWriteCrashRate { get; set; }

    /// <summary>Chance that a synced write stalls (a slow disk), which widens the window in which inputs step the node.</summary>
    public double DiskStallRate { get; set; }

    /// <summary>Longest extra virtual time a stalled write takes.</summary>
    public int DiskStallMaxMs { get; set; } = 100;

    /// <summary>
    /// Chance that a peer crashes in the middle of an InstallSnapshot: after a chunk that is not the last, or
    /// while the complete snapshot is being written. It restarts a seeded while later.
    /// </summary>
    public double InstallCrashRate { get; set; }

    /// <summary>Crashes that fell inside an InstallSnapshot (chunks half received, or the snapshot half written).</summary>
    public long CrashesDuringInstall { get; private set; }

    /// <summary>Writes whose last entry the node had already truncated by the time the write completed.</summary>
    public long OverwrittenDuringWrite { get; private set; }

    /// <summary>Longest virtual time a peer stays down after a torn-write crash.</summary>
    private const int TornWriteDowntimeMaxMs = 500;

    /// <summary>Virtual milliseconds between two ticks of a peer.</summary>
    public int TickMs { get; init; } = 10;

    public long NowMs => Events.NowMs;

    public IReadOnlyList<SimPeer> Peers => _peers;

    public IEnumerable<int> Ids => _peers.Select(p => p.Id);

    public SimPeer Peer(int id) => _peers[id - 1];

    public long CountRejectedAppends() => Network.RejectedAppends;

    public long CountOf(StepOutcome outcome) => _outcomes.GetValueOrDefault(outcome);

    public bool HasViolation => Checker.Violations.Count > 0;

    /// <summary>
    /// From now on, records proposals of "key=value" and keyed reads made on behalf of one of
    /// <paramref name="clients"/> clients, for the linearizability checker.
    /// </summary>
    public RegisterHistory RecordHistory(int clients, long clientTimeoutMs) =>
        History ??= new RegisterHistory(() => Events.NowMs, clients, clientTimeoutMs);

    private void Log(long term, string text) => Trace?.Invoke($"{Events.NowMs,8}ms t{term,-3} {text}");

    /// <summary>A trace line for a cluster-wide event, stamped with the highest term any live peer holds.</summary>
    public void TraceClusterEvent(string text) => Log(_peers.Max(p => p.Node?.Term ?? 0), text);

    private void StartPeer(SimPeer peer)
    {
        var config = _template with { Id = peer.Id, Seed = Seed + (ulong)peer.Incarnation * 7919UL };
        peer.Start(config, Snapshots);
        Checker.OnRestart(peer);
        var incarnation = peer.Incarnation;
        // Peers' clocks start out of phase, as real timers do.
        Events.After(_random.Next(1, TickMs + 1), () => TickLoop(peer, incarnation));
        peer.Kick();
    }

    private void TickLoop(SimPeer peer, int incarnation)
    {
        if (peer.Incarnation != incarnation) return;
        StepInput(peer, static node => node.Tick());
        Events.After(TickMs, () => TickLoop(peer, incarnation));
    }

    /// <summary>
    /// Steps one input into a live peer's node at once, as the grain does, even while a Ready is being
    /// written; then kicks the pump, which works the input's effects off in the next Ready.
    /// </summary>
    private void StepInput(SimPeer peer, Action<RaftNode> input)
    {
        if (!peer.Alive) return;
        if (peer.IsPersisting) InputsDuringWrites++;
        var node = peer.Node!;
        var (role, term) = (node.Role, node.Term);
        input(node);
        if (Trace is not null && (node.Role != role || node.Term != term)) Log(node.Term, $"peer {peer.Id} becomes {node.Role}");
        Checker.OnStepped(peer, node);
        peer.Kick();
    }

    internal void Deliver(Message message)
    {
        var peer = Peer(message.To);
        if (!peer.Alive) return;
        StepInput(peer, node =>
        {
            var outcome = node.Step(message);
            _outcomes[outcome] = _outcomes.GetValueOrDefault(outcome) + 1;
            if (Trace is not null) Log(message.Term, $"{message} => {outcome}");
        });
        if (message.Snapshot is { IsLast: false } && InstallCrashRate > 0 && DiskRandom.Chance(InstallCrashRate))
            CrashDuringInstall(peer, "with a snapshot half received");
    }

    /// <summary>Called as a Ready carrying a snapshot from the leader begins its write of <paramref name="latencyMs"/>.</summary>
    internal void OnInstallWriteBegun(SimPeer peer, int latencyMs)
    {
        if (InstallCrashRate <= 0 || latencyMs == 0 || !DiskRandom.Chance(InstallCrashRate)) return;
        var incarnation = peer.Incarnation;
        Events.After(DiskRandom.Next(latencyMs), () =>
        {
            if (InstallCrashRate > 0 && peer.Incarnation == incarnation && peer.WritePhase == DiskWritePhase.WritingEntries)
                CrashDuringInstall(peer, "while writing an installed snapshot");
        });
    }

    private void CrashDuringInstall(SimPeer peer, string when)
    {
        CrashesDuringInstall++;
        TraceClusterEvent($"peer {peer.Id} crashes {when}");
        Crash(peer.Id);
        var downLife = peer.Incarnation;
        Events.After(DiskRandom.Next(1, TornWriteDowntimeMaxMs + 1), () =>
        {
            if (peer.Incarnation == downLife) Restart(peer.Id);
        });
    }

    /// <summary>Proposes at a peer now, even while it is writing a Ready. Null when it is down.</summary>
    public ProposeResult? Propose(int id, ReadOnlyMemory<byte> command)
    {
        var peer = Peer(id);
        if (!peer.Alive) return null;
        ProposeResult result = default;
        StepInput(peer, node =>
        {
            result = node.Propose(command);
            if (!result.IsAccepted) return;
            Reads.OnProposed(id, result.Index, result.Term);
            History?.OnProposed(id, result.Index, result.Term, command.Span);
        });
        if (Trace is not null) Log(peer.Node?.Term ?? 0, $"propose at {id}: {result.Outcome} {result.Term}/{result.Index}");
        return result;
    }

    /// <summary>
    /// Asks a peer for a linearizable read index, even while it is writing a Ready. Null when it is down. With a key
    /// and a <see cref="History"/>, the read is recorded and answered with the key's value once the peer
    /// has applied up to the index.
    /// </summary>
    public ReadIndexOutcome? ReadIndex(int id, string? key = null)
    {
        var peer = Peer(id);
        if (!peer.Alive) return null;
        var context = Reads.NewRead(id);
        // Recorded before asking: a single peer confirms its own leadership inside the turn.
        if (key is not null) History?.OnReadAsked(context, id, key);
        var outcome = ReadIndexOutcome.NotLeader;
        StepInput(peer, node => outcome = node.ReadIndex(context).Outcome);
        if (outcome != ReadIndexOutcome.Accepted)
        {
            Reads.Forget(context);
            History?.Forget(context);
        }
        return outcome;
    }

    /// <summary>Asks a peer to change the membership, even while it is writing a Ready. Null when it is down.</summary>
    public MembershipChangeResult? ChangeMembership(int id, MembershipChange change)
    {
        var peer = Peer(id);
        if (!peer.Alive) return null;
        MembershipChangeResult result = default;
        StepInput(peer, node => result = node.ProposeMembership(change));
        if (result.IsAccepted) MembershipChanges++;
        Log(peer.Node?.Term ?? 0, $"peer {id} asked to {change}: {result.Outcome}{(result.IsAccepted ? $" at {result.Index}" : "")}");
        return result;
    }

    /// <summary>Asks a peer to hand leadership to another. Null when it is down.</summary>
    public TransferOutcome? TransferLeadership(int id, int to)
    {
        var peer = Peer(id);
        if (!peer.Alive) return null;
        var outcome = TransferOutcome.NotLeader;
        StepInput(peer, node => outcome = node.TransferLeadership(to).Outcome);
        if (outcome == TransferOutcome.Accepted) Transfers++;
        Log(peer.Node?.Term ?? 0, $"peer {id} asked to transfer leadership to {to}: {outcome}");
        return outcome;
    }

    /// <summary>Membership changes a leader accepted.</summary>
    public long MembershipChanges { get; private set; }

    /// <summary>Leadership transfers a leader accepted.</summary>
    public long Transfers { get; private set; }

    public void Crash(int id)
    {
        var peer = Peer(id);
        if (!peer.Alive) return;
        var term = peer.Node!.Term;
        var (phase, lostCommit) = peer.Crash();
        if (phase == DiskWritePhase.BetweenStores) TornWrites++;
        if (lostCommit) LostCommitUpdates++;
        var write = phase switch
        {
            DiskWritePhase.WritingEntries => ", its log write lost",
            DiskWritePhase.BetweenStores => " between its log write and its hard-state write: the entries are durable, the hard state is lost",
            DiskWritePhase.WritingHardState => ", its hard-state write lost",
            _ => "",
        };
        Log(term, $"peer {id} crashes{write}{(lostCommit ? "; a deferred commit is lost" : "")}");
        History?.OnCrash(id);
    }

    /// <summary>Crashes the peer and empties its disk: outside Raft's fault model (stable storage lost), as when an operator wipes a follower.</summary>
    public void CrashAndWipe(int id)
    {
        Crash(id);
        Peer(id).Disk.Wipe();
        TraceClusterEvent($"peer {id}'s disk is wiped");
    }

    public void Restart(int id)
    {
        var peer = Peer(id);
        if (peer.Alive) return;
        // Read before the new life's first Ready rewrites the hard state.
        var (logTerm, hardStateTerm) = (peer.Disk.LastTerm, peer.Disk.HardState.Term);
        var reconciled = logTerm > hardStateTerm ? $" (the log's term {logTerm} is ahead of the hard state's {hardStateTerm}: no vote)" : "";
        StartPeer(peer);
        var node = peer.Node!;
        Log(node.Term, $"peer {id} restarts at last={node.LastIndex} commit={node.CommitIndex}{reconciled}");
    }

    /// <summary>Extra latency for one synced write: 0, or a stall drawn from the disks' stream.</summary>
    internal int DrawDiskStallMs() => DiskStallRate > 0 && DiskRandom.Chance(DiskStallRate) ? 1 + DiskRandom.Next(DiskStallMaxMs) : 0;

    internal void OnOverwrittenDuringWrite() => OverwrittenDuringWrite++;

    internal void OnCompaction(SimPeer peer, Compaction compaction)
    {
        Compactions++;
        Log(peer.Node?.Term ?? 0, $"peer {peer.Id} snapshots {compaction.Snapshot} and drops through {compaction.DropThrough}");
    }

    internal void OnSnapshotInstalled(SimPeer peer, Snapshot snapshot)
    {
        SnapshotInstalls++;
        Log(peer.Node?.Term ?? 0, $"peer {peer.Id} installs {snapshot}");
    }

    /// <summary>Called by a peer's disk once its entries are written and its hard state is due in <paramref name="gapMs"/>.</summary>
    internal void OnBetweenStores(SimPeer peer, int gapMs)
    {
        TwoStoreWrites++;
        if (TornWriteCrashRate <= 0 || !DiskRandom.Chance(TornWriteCrashRate)) return;
        var incarnation = peer.Incarnation;
        // Strictly before the hard-state step, which is due gapMs from now.
        Events.After(DiskRandom.Next(gapMs), () =>
        {
            // Not once the faults have been switched off (a liveness phase).
            if (TornWriteCrashRate <= 0 || peer.Incarnation != incarnation || peer.WritePhase != DiskWritePhase.BetweenStores) return;
            Crash(peer.Id);
            var downLife = peer.Incarnation;
            Events.After(DiskRandom.Next(1, TornWriteDowntimeMaxMs + 1), () =>
            {
                if (peer.Incarnation == downLife) Restart(peer.Id);
            });
        });
    }

    /// <summary>Cuts every link of the peer, as 6.824's disconnect does.</summary>
    public void Disconnect(int id)
    {
        _disconnected.Add(id);
        Network.Isolate(id, Ids);
        Log(Peer(id).Node?.Term ?? 0, $"peer {id} disconnected");
    }

    /// <summary>Mends the peer's links to every peer that is not itself disconnected (6.824's connect).</summary>
    public void Connect(int id)
    {
        _disconnected.Remove(id);
        Network.Rejoin(id, Ids.Where(other => !_disconnected.Contains(other)));
        Log(Peer(id).Node?.Term ?? 0, $"peer {id} connected");
    }

    /// <summary>Heals the whole network, undoing every disconnect, partition and one-way cut.</summary>
    public void HealNetwork()
    {
        _disconnected.Clear();
        Network.Heal();
        TraceClusterEvent("network heals");
    }

    public bool IsConnected(int id) => !Ids.Any(other => other != id && (Network.IsCut(id, other) || Network.IsCut(other, id)));

    /// <summary>Runs events for <paramref name="durationMs"/> of virtual time, stopping early on a violation.</summary>
    public void RunFor(long durationMs) => RunUntil(() => false, durationMs);

    /// <summary>Runs events until the condition holds (checked after each event) or the time is up.</summary>
    public bool RunUntil(Func<bool> condition, long maxDurationMs)
    {
        var until = Events.NowMs + maxDurationMs;
        if (condition()) return true;
        while (Events.RunNext(until))
        {
            Checker.AfterEvent(_peers);
            if (HasViolation) return false;
            if (condition()) return true;
        }
        Events.AdvanceTo(until);
        return condition();
    }

    /// <summary>Live, connected peers that believe they lead, with their terms.</summary>
    public IReadOnlyList<(int Id, long Term)> Leaders(IEnumerable<int>? among = null) =>
        (among ?? Ids).Select(Peer).Where(p => p.Node is { Role: RaftRole.Leader })
            .Select(p => (p.Id, p.Node!.Term)).ToArray();

    /// <summary>
    /// The leader of the highest term among <paramref name="among"/>, once exactly one such exists and a
    /// majority of those peers acknowledge it; 0 when none emerges in time.
    /// </summary>
    public int WaitForLeader(long maxDurationMs = 5000, IReadOnlyCollection<int>? among = null)
    {
        var group = among ?? Ids.ToArray();
        var leader = 0;
        RunUntil(() =>
        {
            var leaders = Leaders(group);
            if (leaders.Count == 0) return false;
            var top = leaders.MaxBy(l => l.Term);
            var followers = group.Count(id => Peer(id).Node is { } n && n.Term == top.Term && n.Leader == top.Id);
            if (followers <= group.Count / 2) return false;
            leader = top.Id;
            return true;
        }, maxDurationMs);
        return leader;
    }

    /// <summary>
    /// How many peers applied an entry at index (themselves or through a snapshot), and the committed entry
    /// there (6.824's nCommitted). The checker compares every peer's state with the committed log's.
    /// </summary>
    public (int Count, Entry? Entry) AppliedAt(long index)
    {
        var count = _peers.Count(p => p.LastApplied >= index);
        Entry? found = count > 0 && index <= Checker.Committed.Count ? Checker.Committed[(int)(index - 1)] : null;
        return (count, found);
    }

    /// <summary>
    /// 6.824's one(): offers the command to peers in turn until a leader takes it, then waits until at
    /// least <paramref name="expectedPeers"/> applied it. Returns its index, or 0 on failure.
    /// </summary>
    public long Agree(ReadOnlyMemory<byte> command, int expectedPeers, bool retry, long maxDurationMs = 10_000)
    {
        var deadline = NowMs + maxDurationMs;
        var start = 0;
        while (NowMs < deadline && !HasViolation)
        {
            long index = 0;
            for (var i = 0; i < _peers.Count && index == 0; i++)
            {
                start = (start + 1) % _peers.Count;
                var id = _peers[start].Id;
                if (Propose(id, command) is { IsAccepted: true } accepted) index = accepted.Index;
            }
            if (index != 0)
            {
                var applied = RunUntil(() =>
                {
                    var (count, entry) = AppliedAt(index);
                    return count >= expectedPeers && entry is { } e && e.Data.Span.SequenceEqual(command.Span);
                }, 2000);
                if (applied) return index;
                if (!retry) return 0;
            }
            else
            {
                RunFor(50);
            }
        }
        return 0;
    }

    /// <summary>A short line of every peer's state, for failure messages.</summary>
    public string Describe() =>
        $"at {NowMs} ms: " + string.Join("; ", _peers.Select(p => p.Node is { } n
            ? $"{p.Id}:{n.Role} t{n.Term} last={n.LastTerm}/{n.LastIndex} commit={n.CommitIndex} applied={p.LastApplied}/{n.AppliedIndex} {n.Membership}{(IsConnected(p.Id) ? "" : " (cut off)")}"
            : $"{p.Id}:down"));
}

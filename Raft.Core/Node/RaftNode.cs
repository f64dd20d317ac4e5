using Raft.Core.Log;
using Raft.Core.Members;
using Raft.Core.Messages;
using Raft.Core.Progress;
using Raft.Core.Snapshots;

namespace Raft.Core.Node;

/// <summary>
/// One Raft peer as a pure state machine. The host feeds it <see cref="Tick"/>, <see cref="Step"/> and
/// <see cref="Propose"/>, then carries out each <see cref="Ready"/> and calls <see cref="Advance"/>.
/// No threads, clock, I/O or shared state: the same inputs always give the same outputs, which is what
/// lets the simulator replay a seed. Not thread-safe; the host calls it from one turn at a time.
/// </summary>
public sealed partial class RaftNode
{
    private readonly RaftConfig _config;
    private readonly DeterministicRandom _random;
    private readonly RaftLog _log;
    private readonly SnapshotReceiver _snapshotReceiver;
    private readonly Dictionary<int, FollowerProgress> _progress = [];
    // The membership the fields below were derived from; see SyncMembership.
    private Membership _membership;
    private int[] _others = [];
    private Snapshot? _snapshot;
    private Snapshot? _snapshotToInstall;
    private readonly Dictionary<int, bool> _votes = [];
    private List<Message> _outbox = [];
    private bool _broadcastPending;

    private HardState _lastReadyHardState;
    private int _electionElapsedTicks;
    private int _heartbeatElapsedTicks;
    private int _randomizedElectionTicks;
    private long _uncommittedBytes;

    public RaftNode(RaftConfig config, PersistedState? persisted = null, long applied = 0)
    {
        var problem = config.Validate();
        if (problem is not null) throw new ArgumentException($"invalid Raft configuration: {problem}", nameof(config));
        _config = config;
        _random = new DeterministicRandom(DeterministicRandom.Mix(config.Seed ^ DeterministicRandom.Mix((ulong)config.Id)));
        _snapshotReceiver = new SnapshotReceiver(config.MaxSnapshotBytes);
        persisted ??= PersistedState.Empty;
        var hs = persisted.HardState;
        _snapshot = persisted.Snapshot;
        if (_snapshot is { } s && (s.Index != persisted.CompactedIndex || s.Term != persisted.CompactedTerm))
            throw new RaftInvariantException($"persisted {s.Metadata} does not end where the log starts ({persisted.CompactedTerm}/{persisted.CompactedIndex})");
        if (_snapshot is null && persisted.CompactedIndex > 0)
            throw new RaftInvariantException($"persisted log starts after {persisted.CompactedIndex} but no snapshot covers it");
        // Without a snapshot the membership before the first configuration entry is the bootstrap one.
        var initial = _snapshot?.Metadata.Membership ?? Membership.Of(config.Peers);
        _log = new RaftLog(persisted.CompactedIndex, persisted.CompactedTerm, initial, persisted.Entries, hs.Commit, applied);
        _membership = _log.Memberships.Current;
        _others = OthersIn(_membership);
        // The host persists a Ready's entries before its hard state (two stores), so a crash between them
        // leaves entries of a term the hard state has not reached. Nothing that write promised was sent, so
        // the peer resumes in the log's last term with no vote: it never voted in that term durably, and a
        // vote it had only decided never left (Ready contract). The first Ready then persists the new term.
        (Term, VotedFor) = _log.LastTerm > hs.Term ? (_log.LastTerm, 0) : (hs.Term, hs.VotedFor);
        _lastReadyHardState = hs;
        BecomeFollower(Term, 0);
    }

    public int Id => _config.Id;

    /// <summary>Latest term this peer has seen (Raft Figure 2 currentTerm).</summary>
    public long Term { get; private set; }

    /// <summary>Candidate this peer voted for in <see cref="Term"/>, or 0.</summary>
    public int VotedFor { get; private set; }

    /// <summary>The leader of <see cref="Term"/> as far as this peer knows, or 0.</summary>
    public int Leader { get; private set; }

    public RaftRole Role { get; private set; }

    public long CommitIndex => _log.Committed;

    public long LastIndex => _log.LastIndex;

    public long LastTerm => _log.LastTerm;

    public long AppliedIndex => _log.Applied;

    /// <summary>The first index the log still holds; everything before it is in a snapshot.</summary>
    public long FirstIndex => _log.FirstIndex;

    /// <summary>The last index of this peer's latest snapshot, taken or installed (0 without one).</summary>
    public long SnapshotIndex => _snapshot?.Index ?? 0;

    /// <summary>The latest snapshot this peer holds, to send to followers that are behind its log.</summary>
    public Snapshot? LatestSnapshot => _snapshot;

    /// <summary>The membership in effect: the latest in the log, committed or not.</summary>
    public Membership Membership => _membership;

    /// <summary>The membership in effect at an index this peer still holds (for a snapshot's metadata).</summary>
    public Membership MembershipAt(long index) => _log.Memberships.At(index);

    /// <summary>The term of the entry at index, or why this peer cannot say (compacted, past the end).</summary>
    public TermLookup TermAt(long index) => _log.Term(index);

    /// <summary>The entry at index; the caller checks <see cref="TermAt"/> first.</summary>
    public Entry EntryAt(long index) => _log.At(index);

    private HardState CurrentHardState => new(Term, VotedFor, _log.Committed);

    /// <summary>One unit of logical time: followers count toward an election, leaders toward a heartbeat.</summary>
    public void Tick()
    {
        if (Role == RaftRole.Leader) TickHeartbeat();
        else TickElection();
    }

    /// <summary>Feeds one message from the network. Bad input changes nothing and is reported.</summary>
    public StepOutcome Step(Message message)
    {
        var invalid = MessageValidator.Check(message, _config, _membership);
        if (invalid is { } outcome) return outcome;
        // A leader sends min(our match, its commit), which our log must hold. A larger one is a lie, or our
        // disk lost what we acknowledged (wiped, replaced): either way it must not even move our term. We
        // only tell the sender where our log ends, so that a leader can send it again, or a snapshot.
        if (message.Type == MessageType.Heartbeat && message.Term >= Term && message.Commit > _log.LastIndex && Role != RaftRole.Leader)
        {
            Send(new Message { Type = MessageType.HeartbeatResponse, From = Id, To = message.From, Term = message.Term, Reject = true, RejectHint = _log.LastIndex });
            return StepOutcome.IndexPastLog;
        }

        if (message.Term > Term)
        {
            var termOutcome = StepHigherTerm(message);
            if (termOutcome is { } ignored) return ignored;
        }
        else if (message.Term < Term)
        {
            return StepLowerTerm(message);
        }

        switch (message.Type)
        {
            case MessageType.Vote:
            case MessageType.PreVote:
                return HandleVoteRequest(message);
        }

        return Role switch
        {
            RaftRole.Leader => StepLeader(message),
            RaftRole.Candidate or RaftRole.PreCandidate => StepCandidate(message),
            _ => StepFollower(message),
        };
    }

    /// <summary>
    /// A message from a later term: follow it, unless it is a vote request we must not let disturb a
    /// leader we still hear from (CheckQuorum lease), or part of a PreVote round, which changes no term.
    /// </summary>
    private StepOutcome? StepHigherTerm(Message m)
    {
        if (m.Type is MessageType.Vote or MessageType.PreVote)
        {
            // A candidate the leader itself asked to campaign (TimeoutNow) may break the lease.
            var inLease = _config.CheckQuorum && Leader != 0 && _electionElapsedTicks < _config.ElectionTicks && !m.LeaderTransfer;
            if (inLease) return StepOutcome.IgnoredInLease;
        }
        if (m.Type == MessageType.PreVote) return null;
        if (m.Type == MessageType.PreVoteResponse && !m.Reject) return null;
        var leader = m.Type is MessageType.Append or MessageType.Heartbeat or MessageType.Snapshot ? m.From : 0;
        BecomeFollower(m.Term, leader);
        return null;
    }

    /// <summary>
    /// A message from an earlier term is dropped. Two answers help the sender: a stale leader learns our
    /// term (with CheckQuorum or PreVote our term may have moved on while it could not reach us, and it
    /// would otherwise never hear of it), and a pre-candidate learns it lost.
    /// </summary>
    private StepOutcome StepLowerTerm(Message m)
    {
        if ((_config.CheckQuorum || _config.PreVote) && m.Type is MessageType.Append or MessageType.Heartbeat or MessageType.Snapshot)
        {
            Send(new Message { Type = MessageType.AppendResponse, From = Id, To = m.From, Term = Term });
        }
        else if (m.Type == MessageType.PreVote)
        {
            Send(new Message { Type = MessageType.PreVoteResponse, From = Id, To = m.From, Term = Term, Reject = true });
        }
        return StepOutcome.StaleTerm;
    }

    /// <summary>Appends a command to the leader's log. Anywhere else, says who leads.</summary>
    public ProposeResult Propose(ReadOnlyMemory<byte> command)
    {
        if (Role != RaftRole.Leader) return ProposeResult.Refused(ProposeOutcome.NotLeader, Leader);
        // Dissertation §3.10: proposals pause while leadership moves; the client retries at the target.
        if (_transferee != 0) return ProposeResult.Refused(ProposeOutcome.Transferring, _transferee);
        if (command.Length > _config.MaxProposalBytes) return ProposeResult.Refused(ProposeOutcome.TooLarge, Id);
        var entry = new Entry(Term, _log.LastIndex + 1, EntryType.Normal, command);
        if (_uncommittedBytes > 0 && _uncommittedBytes + entry.Size > _config.MaxUncommittedBytes)
            return ProposeResult.Refused(ProposeOutcome.Dropped, Id);
        AppendAsLeader(entry);
        BroadcastAppend();
        return ProposeResult.Accepted(entry.Index, entry.Term);
    }

    public bool HasReady =>
        _outbox.Count > 0 || _broadcastPending || ReadRoundDue || _readStates.Count > 0 || _snapshotToInstall is not null || _log.HasUnstable || _log.HasNextCommitted
        || CurrentHardState != _lastReadyHardState;

    /// <summary>Takes the pending work. Call <see cref="Advance"/> with it once it is carried out.</summary>
    public Ready GetReady()
    {
        FlushBroadcast();
        var hs = CurrentHardState;
        var entries = _log.UnstableEntries();
        var hardStateChanged = hs != _lastReadyHardState;
        var termOrVoteChanged = hs.Term != _lastReadyHardState.Term || hs.VotedFor != _lastReadyHardState.VotedFor;
        var (early, messages) = !termOrVoteChanged && _config.EarlyAppends ? SplitEarly(_outbox) : ([], _outbox);
        var ready = new Ready
        {
            Snapshot = _snapshotToInstall,
            HardState = hardStateChanged ? hs : null,
            Entries = entries,
            Messages = messages,
            EarlyMessages = early,
            CommittedEntries = _log.NextCommittedEntries(),
            ReadStates = _readStates,
            MustSync = _snapshotToInstall is not null || entries.Count > 0 || termOrVoteChanged,
        };
        _outbox = [];
        _readStates = [];
        _snapshotToInstall = null;
        return ready;
    }

    /// <summary>Acknowledges that a Ready was persisted, sent and applied.</summary>
    public void Advance(Ready ready)
    {
        if (ready.HardState is { } hs) _lastReadyHardState = hs;
        if (ready.Entries.Count > 0)
        {
            _log.StableTo(ready.Entries);
            // A leader's own log counts toward a commit only once it is on disk (see Ready.EarlyMessages).
            if (Role == RaftRole.Leader) OnOwnLogStable();
        }
        if (ready.CommittedEntries.Count > 0) _log.AppliedTo(ready.CommittedEntries[^1].Index);
    }

    /// <summary>
    /// Between Readies' writes (one in flight, or a snapshot being stored): the messages that may leave now
    /// (<see cref="IsEarly"/>), taken from the outbox, so a slow disk does not hold back the heartbeats that
    /// keep followers from campaigning, nor the heartbeat responses that keep a leader's CheckQuorum. Only
    /// while the term and vote are durable (the last Ready persisted them), the same rule as
    /// <see cref="Ready.EarlyMessages"/>; empty otherwise.
    /// </summary>
    public IReadOnlyList<Message> TakeEarlyMessages()
    {
        if (!_config.EarlyAppends) return [];
        var hs = CurrentHardState;
        if (hs.Term != _lastReadyHardState.Term || hs.VotedFor != _lastReadyHardState.VotedFor) return [];
        FlushBroadcast();
        if (_outbox.Count == 0) return [];
        List<Message>? early = null;
        var kept = 0;
        for (var i = 0; i < _outbox.Count; i++)
        {
            var message = _outbox[i];
            if (IsEarly(message)) (early ??= []).Add(message);
            else _outbox[kept++] = message;
        }
        _outbox.RemoveRange(kept, _outbox.Count - kept);
        return early ?? (IReadOnlyList<Message>)[];
    }

    /// <summary>
    /// What promises nothing about this peer's disk: a leader's appends and heartbeats (its own log counts
    /// toward a commit only once stable), and a heartbeat response, which says only that this peer is alive in
    /// the term (and, rejecting, where its log ends). Acknowledgements of entries and votes are never early.
    /// </summary>
    private bool IsEarly(Message message) => Role == RaftRole.Leader
        ? message.Type is MessageType.Append or MessageType.Heartbeat
        : message.Type == MessageType.HeartbeatResponse;

    // Every Ready passes here: a Ready of one kind only (the usual append stream, or heartbeats) is handed on
    // as it is, and only a mixed one is copied.
    private (IReadOnlyList<Message> Early, IReadOnlyList<Message> Others) SplitEarly(List<Message> outbox)
    {
        var earlyCount = 0;
        foreach (var message in outbox) if (IsEarly(message)) earlyCount++;
        if (earlyCount == 0) return ([], outbox);
        if (earlyCount == outbox.Count) return (outbox, []);
        var early = new List<Message>(earlyCount);
        var others = new List<Message>(outbox.Count - earlyCount);
        foreach (var message in outbox) (IsEarly(message) ? early : others).Add(message);
        return (early, others);
    }

    /// <summary>
    /// The host stored <paramref name="compaction"/>'s snapshot and deleted the log rows it lets go: drop
    /// them from memory too, and keep the snapshot to send to followers behind the log. A snapshot older
    /// than the one held (one installed from the leader meanwhile) changes nothing.
    /// </summary>
    public void Compact(Compaction compaction)
    {
        var snapshot = compaction.Snapshot;
        if (snapshot.Index <= SnapshotIndex) return;
        if (snapshot.Index > _log.Applied)
            throw new RaftInvariantException($"{snapshot.Metadata} is past applied {_log.Applied}");
        _snapshot = snapshot;
        _log.CompactTo(Math.Min(compaction.DropThrough, Math.Min(snapshot.Index, _log.Stabled)));
    }

    /// <summary>What a snapshot of the state machine taken now would cover: the applied index, its term and membership.</summary>
    public SnapshotMetadata MetadataAtApplied() =>
        new(_log.Applied, _log.Term(_log.Applied).Term, _log.Memberships.At(_log.Applied));

    public PeerStatus Status() => new()
    {
        Id = Id,
        Role = Role,
        Term = Term,
        VotedFor = VotedFor,
        Leader = Leader,
        LastIndex = _log.LastIndex,
        LastTerm = _log.LastTerm,
        Commit = _log.Committed,
        Applied = _log.Applied,
        SnapshotIndex = SnapshotIndex,
        FirstIndex = _log.FirstIndex,
        LogLength = _log.Count,
        Membership = _membership,
        LeadTransferee = _transferee,
        Followers = Role == RaftRole.Leader
            ? _progress.Where(p => p.Key != Id).OrderBy(p => p.Key)
                .Select(p => new FollowerStatus(p.Key, p.Value.Match, p.Value.Next, p.Value.State, p.Value.RecentActive)).ToArray()
            : [],
    };

    private void Send(Message message) => _outbox.Add(message);

    /// <summary>Clears per-term volatile state on every role change (Raft Figure 2 "reinitialized after election").</summary>
    private void Reset(long term)
    {
        if (Term != term)
        {
            Term = term;
            VotedFor = 0;
        }
        Leader = 0;
        _electionElapsedTicks = 0;
        _heartbeatElapsedTicks = 0;
        _randomizedElectionTicks = _config.ElectionTicks + _random.Next(_config.ElectionTicks);
        _votes.Clear();
        _progress.Clear();
        _uncommittedBytes = 0;
        _transferee = 0;
        DropPendingReads();
    }
}

using Raft.Core.Log;
using Raft.Core.Messages;
using Raft.Core.Progress;

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
    private readonly int[] _others;
    private readonly int _quorum;
    private readonly Dictionary<int, FollowerProgress> _progress = [];
    private readonly Dictionary<int, bool> _votes = [];
    private List<Message> _outbox = [];

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
        _random = new DeterministicRandom(config.Seed ^ ((ulong)config.Id * 0x9E3779B97F4A7C15UL));
        _others = config.Peers.Where(p => p != config.Id).Order().ToArray();
        _quorum = config.Peers.Count / 2 + 1;
        persisted ??= PersistedState.Empty;
        var hs = persisted.HardState;
        if (hs.VotedFor != 0 && !config.Peers.Contains(hs.VotedFor))
            throw new RaftInvariantException($"persisted vote for {hs.VotedFor}, who is not a member");
        _log = new RaftLog(persisted.CompactedIndex, persisted.CompactedTerm, persisted.Entries, hs.Commit, applied);
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

    /// <summary>The term of the entry at index, or -1 when this peer does not hold it.</summary>
    public long TermAt(long index) => _log.Term(index);

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
        var invalid = MessageValidator.Check(message, _config);
        if (invalid is { } outcome) return outcome;
        // A leader sends min(our match, its commit), which our log must hold; a larger one is a lie and
        // must not even move our term.
        if (message.Type == MessageType.Heartbeat && message.Term >= Term && message.Commit > _log.LastIndex && Role != RaftRole.Leader)
            return StepOutcome.IndexPastLog;

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
            var inLease = _config.CheckQuorum && Leader != 0 && _electionElapsedTicks < _config.ElectionTicks;
            if (inLease) return StepOutcome.IgnoredInLease;
        }
        if (m.Type == MessageType.PreVote) return null;
        if (m.Type == MessageType.PreVoteResponse && !m.Reject) return null;
        var leader = m.Type is MessageType.Append or MessageType.Heartbeat ? m.From : 0;
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
        if ((_config.CheckQuorum || _config.PreVote) && m.Type is MessageType.Append or MessageType.Heartbeat)
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
        if (command.Length > _config.MaxProposalBytes) return ProposeResult.Refused(ProposeOutcome.TooLarge, Id);
        var entry = new Entry(Term, _log.LastIndex + 1, EntryType.Normal, command);
        if (_uncommittedBytes > 0 && _uncommittedBytes + entry.Size > _config.MaxUncommittedBytes)
            return ProposeResult.Refused(ProposeOutcome.Dropped, Id);
        AppendAsLeader(entry);
        BroadcastAppend();
        return ProposeResult.Accepted(entry.Index, entry.Term);
    }

    public bool HasReady =>
        _outbox.Count > 0 || _readStates.Count > 0 || _log.HasUnstable || _log.HasNextCommitted || CurrentHardState != _lastReadyHardState;

    /// <summary>Takes the pending work. Call <see cref="Advance"/> with it once it is carried out.</summary>
    public Ready GetReady()
    {
        var hs = CurrentHardState;
        var entries = _log.UnstableEntries();
        var hardStateChanged = hs != _lastReadyHardState;
        var ready = new Ready
        {
            HardState = hardStateChanged ? hs : null,
            Entries = entries,
            Messages = _outbox,
            CommittedEntries = _log.NextCommittedEntries(),
            ReadStates = _readStates,
            MustSync = entries.Count > 0 || hs.Term != _lastReadyHardState.Term || hs.VotedFor != _lastReadyHardState.VotedFor,
        };
        _outbox = [];
        _readStates = [];
        return ready;
    }

    /// <summary>Acknowledges that a Ready was persisted, sent and applied.</summary>
    public void Advance(Ready ready)
    {
        if (ready.HardState is { } hs) _lastReadyHardState = hs;
        if (ready.Entries.Count > 0)
        {
            var last = ready.Entries[^1];
            _log.StableTo(last.Index, last.Term);
        }
        if (ready.CommittedEntries.Count > 0) _log.AppliedTo(ready.CommittedEntries[^1].Index);
    }

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
        DropPendingReads();
    }
}

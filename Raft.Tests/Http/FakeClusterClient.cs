using System.Collections.Concurrent;
using Raft.Core.Members;
using Raft.Core.Messages;
using Raft.Grains.Members;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Http;

/// <summary>
/// An <see cref="IClientGrain"/> that applies every submission to a real <see cref="KeyValueStateMachine"/>
/// in memory, through real encoded commands and sessions, so the HTTP API is tested against the semantics the
/// cluster has (versions are log indexes, retries of a (client id, sequence) pair are answered from the
/// session). It records every call, and can be told to fail every call (not leader, timeout, unavailable) or
/// to answer every submission with a given result.
/// </summary>
internal sealed class FakeClusterClient : IClientGrain
{
    private readonly Lock _lock = new();
    private readonly KeyValueStateMachine _machine;
    private readonly Dictionary<string, long> _sessions = new(StringComparer.Ordinal);
    private long _lastIndex;
    private long _anonymousSession;
    private long _anonymousSequence;

    public FakeClusterClient(StateMachineLimits? limits = null)
    {
        _machine = new KeyValueStateMachine(limits);
    }

    /// <summary>The leader's clock stamped on each command (Unix ms): 2026-11-22T09:59:30Z unless a test moves it.</summary>
    public long NowMs { get; set; } = new DateTimeOffset(2026, 11, 22, 9, 59, 30, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>When set, every call returns this instead of touching the state machine.</summary>
    public CommandOutcome? Failure { get; set; }

    /// <summary>When set, every submission and read throws it, as Orleans does when it cannot deliver the call.</summary>
    public Exception? Thrown { get; set; }

    /// <summary>When set, every submission is recorded and answered with this result, unapplied.</summary>
    public CommandResult? ForcedResult { get; set; }

    public ClusterStatus Status { get; set; } = new(null, null, []);

    public ConcurrentQueue<(Operation Operation, ClientRequestId? RequestId)> Submissions { get; } = new();

    /// <summary>Reads and topic listings: the key (or "topics") and the consistency asked for.</summary>
    public ConcurrentQueue<(string Key, ReadConsistency Consistency)> Reads { get; } = new();

    public int Calls => Submissions.Count + Reads.Count;

    public Task<CommandOutcome> SubmitAsync(Operation operation, ClientRequestId? requestId, CancellationToken cancellationToken)
    {
        Submissions.Enqueue((operation, requestId));
        if (Thrown is { } thrown) return Task.FromException<CommandOutcome>(thrown);
        if (Failure is { } failure) return Task.FromResult(failure);
        if (ForcedResult is { } forced) return Task.FromResult(CommandOutcome.Completed(forced));
        lock (_lock)
        {
            long session, sequence;
            if (requestId is { } id)
            {
                if (!_sessions.TryGetValue(id.ClientId, out session)) _sessions[id.ClientId] = session = RegisterSession();
                sequence = id.Sequence;
            }
            else
            {
                if (_anonymousSession == 0) _anonymousSession = RegisterSession();
                session = _anonymousSession;
                sequence = ++_anonymousSequence;
            }
            return Task.FromResult(CommandOutcome.Completed(Apply(new Command(session, sequence, NowMs, operation))));
        }
    }

    public Task<CommandOutcome> ReadAsync(string key, ReadConsistency consistency, CancellationToken cancellationToken)
    {
        Reads.Enqueue((key, consistency));
        if (Thrown is { } thrown) return Task.FromException<CommandOutcome>(thrown);
        if (Failure is { } failure) return Task.FromResult(failure);
        lock (_lock) return Task.FromResult(CommandOutcome.Completed(_machine.Read(key)));
    }

    public Task<CommandOutcome> ListTopicsAsync(ReadConsistency consistency, CancellationToken cancellationToken)
    {
        Reads.Enqueue(("topics", consistency));
        if (Thrown is { } thrown) return Task.FromException<CommandOutcome>(thrown);
        if (Failure is { } failure) return Task.FromResult(failure);
        lock (_lock) return Task.FromResult(CommandOutcome.Completed(_machine.ListTopics()));
    }

    public Task<ClusterStatus> GetClusterStatusAsync(CancellationToken cancellationToken) => Task.FromResult(Status);

    /// <summary>The group's membership, changed by the core's own rules (one server at a time, typed refusals).</summary>
    public Membership Members { get; set; } = Membership.Of([1, 2, 3]);

    /// <summary>The peers the fake's configuration knows (a five-member cluster file); adding another is invalid-peer.</summary>
    public IReadOnlyList<int> ConfiguredPeers { get; set; } = [1, 2, 3, 4, 5];

    public int Leader { get; set; } = 1;

    /// <summary>When set, every membership change answers this, changing nothing.</summary>
    public MembershipStatus? MembershipFailure { get; set; }

    public ConcurrentQueue<MembershipChange> MembershipChanges { get; } = new();

    public Task<MembershipOutcome> ChangeMembershipAsync(MembershipChange change, CancellationToken cancellationToken)
    {
        MembershipChanges.Enqueue(change);
        if (MembershipFailure is { } failure) return Task.FromResult(new MembershipOutcome(failure, 0, MembershipDetails.Describe(failure, change)));
        lock (_lock)
        {
            var status = change.Kind is MembershipChangeKind.AddLearner or MembershipChangeKind.AddVoter && !ConfiguredPeers.Contains(change.PeerId)
                ? MembershipStatus.InvalidPeer
                : Members.TryApply(change, out var next) switch
                {
                    MembershipChangeOutcome.Accepted => Commit(next),
                    MembershipChangeOutcome.AlreadyMember => MembershipStatus.AlreadyMember,
                    MembershipChangeOutcome.AlreadyVoter => MembershipStatus.AlreadyVoter,
                    MembershipChangeOutcome.UnknownMember => MembershipStatus.UnknownMember,
                    MembershipChangeOutcome.LastVoter => MembershipStatus.LastVoter,
                    _ => MembershipStatus.InvalidPeer,
                };
            return Task.FromResult(new MembershipOutcome(status, status == MembershipStatus.Committed ? _lastIndex : 0, MembershipDetails.Describe(status, change)));
        }
    }

    public Task<LeaderTransferOutcome> TransferLeadershipAsync(int to, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var status = Members.IsVoter(to) ? TransferStatus.Completed : Members.IsLearner(to) ? TransferStatus.NotAVoter : TransferStatus.UnknownMember;
            if (status == TransferStatus.Completed) Leader = to;
            return Task.FromResult(new LeaderTransferOutcome(status, Leader, MembershipDetails.Describe(status, to, Leader), $"http://127.0.0.1:{8080 + Leader}"));
        }
    }

    public Task<MembersView> GetMembersAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var members = ConfiguredPeers.Select(p => new MemberView(p, $"member-{p - 1}", $"http://127.0.0.1:{8080 + p}",
                Members.IsVoter(p) ? "voter" : Members.IsLearner(p) ? "learner" : "none", Members.Contains(p) ? _lastIndex : null, Reachable: true)).ToArray();
            return Task.FromResult(new MembersView(Leader, $"http://127.0.0.1:{8080 + Leader}", [.. Members.Voters], [.. Members.Learners], members));
        }
    }

    private MembershipStatus Commit(Membership next)
    {
        Members = next;
        _lastIndex++;
        return MembershipStatus.Committed;
    }

    private long RegisterSession() => ((CommandResult.SessionRegistered)Apply(Command.RegisterSession(NowMs))).SessionId;

    private CommandResult Apply(Command command)
    {
        var entry = new Entry(1, ++_lastIndex, EntryType.Normal, CommandCodec.Encode(command));
        return ResultCodec.Decode(_machine.Apply(entry).Span);
    }
}

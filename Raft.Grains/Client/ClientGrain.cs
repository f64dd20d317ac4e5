using System.Collections.Concurrent;
using Raft.Grains.StateMachine;

namespace Raft.Grains.Client;

/// <summary>
/// A silo's client grain, a reentrant stateless worker (one or more activations on every silo, each serving
/// many requests at once): submits commands to the leader wherever it is
/// hosted and waits until they are committed and applied; follows not-leader answers; retries across
/// timeouts, lost leadership and unreachable silos with the same session and sequence, so the state
/// machine's session table turns every retry into the recorded result instead of a second application
/// (dissertation §6.3). Each anonymous session serves one request at a time.
/// </summary>
[StatelessWorker, Reentrant]
public sealed partial class ClientGrain(IPeerGateway gateway, ClientGrainOptions options, TimeProvider timeProvider, LocalLeaderNews leaderNews) : Grain, IClientGrain
{
    private readonly ConcurrentBag<AnonymousSession> _idleSessions = [];
    private readonly ConcurrentDictionary<string, long> _namedSessions = new(StringComparer.Ordinal);
    private int _leaderHint;

    private sealed class AnonymousSession(long id)
    {
        public long Id { get; } = id;
        public long NextSequence { get; set; } = 1;
    }

    public async Task<CommandOutcome> SubmitAsync(Operation operation, ClientRequestId? requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation is Operation.RegisterSession) return CommandOutcome.Failed(OutcomeStatus.BadRequest, "sessions are opened by the client grain");
        if (CommandValidator.Validate(new Command(1, 1, 0, operation), options.Limits) is { } invalid)
            return CommandOutcome.Failed(IsTooLarge(invalid.Reason) ? OutcomeStatus.TooLarge : OutcomeStatus.BadRequest, invalid.Reason);

        var deadline = timeProvider.GetUtcNow() + options.RequestTimeout;
        // A session the state machine no longer knows (expired, evicted) never applied the command:
        // open a fresh one and submit again, once.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var outcome = requestId is { } id
                ? await SubmitNamedAsync(operation, id, deadline, cancellationToken).ConfigureAwait(true)
                : await SubmitAnonymousAsync(operation, deadline, cancellationToken).ConfigureAwait(true);
            if (outcome.Result is not CommandResult.SessionExpired) return outcome;
        }
        return CommandOutcome.Failed(OutcomeStatus.Unavailable, "the cluster keeps expiring this client's session");
    }

    private async Task<CommandOutcome> SubmitAnonymousAsync(Operation operation, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (!_idleSessions.TryTake(out var session))
        {
            var opened = await OpenSessionAsync(null, deadline, cancellationToken).ConfigureAwait(true);
            if (opened.SessionId is not { } id) return opened.Failure!;
            session = new AnonymousSession(id);
        }
        var sequence = session.NextSequence++;
        var outcome = await ProposeAsync(new Command(session.Id, sequence, 0, operation), deadline, cancellationToken).ConfigureAwait(true);
        // A session whose command may still be in flight (timeout) is not reused: a later command with a
        // higher sequence would be fine, but its old one might then apply after it, out of the client's order.
        if (outcome.Status == OutcomeStatus.Completed && outcome.Result is not CommandResult.SessionExpired) _idleSessions.Add(session);
        return outcome;
    }

    private async Task<CommandOutcome> SubmitNamedAsync(Operation operation, ClientRequestId requestId, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (!_namedSessions.TryGetValue(requestId.ClientId, out var sessionId))
        {
            var opened = await OpenSessionAsync(requestId.ClientId, deadline, cancellationToken).ConfigureAwait(true);
            if (opened.SessionId is not { } id) return opened.Failure!;
            sessionId = _namedSessions.GetOrAdd(requestId.ClientId, id);
        }
        var outcome = await ProposeAsync(new Command(sessionId, requestId.Sequence, 0, operation), deadline, cancellationToken).ConfigureAwait(true);
        if (outcome.Result is CommandResult.SessionExpired) _namedSessions.TryRemove(requestId.ClientId, out _);
        return outcome;
    }

    private async Task<(long? SessionId, CommandOutcome? Failure)> OpenSessionAsync(string? name, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var outcome = await ProposeAsync(SessionCommands.Register(name), deadline, cancellationToken).ConfigureAwait(true);
        return outcome.Result is CommandResult.SessionRegistered registered
            ? (registered.SessionId, null)
            : (null, outcome.Status == OutcomeStatus.Completed
                ? CommandOutcome.Failed(OutcomeStatus.Unavailable, $"could not open a session: {outcome.Result}")
                : outcome);
    }

    /// <summary>Proposes at the leader until the command applies, retrying the same bytes through any fault.</summary>
    private async Task<CommandOutcome> ProposeAsync(Command command, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var bytes = CommandCodec.Encode(command);
        while (true)
        {
            var (leader, stop) = await NextLeaderAsync(deadline, "no leader applied the command in time; it may still apply", cancellationToken).ConfigureAwait(true);
            if (stop is not null) return stop;
            if (leader == 0) continue;

            var reply = await CallLeaderAsync(leader, ct => gateway.ProposeAsync(leader, bytes, ct), cancellationToken, retryOnNews: true).ConfigureAwait(true);
            if (reply is null) continue;
            switch (reply.Status)
            {
                case ProposeStatus.Applied:
                    return CommandOutcome.Completed(ResultCodec.Decode(reply.Result.Span));
                case ProposeStatus.TooLarge:
                    return CommandOutcome.Failed(OutcomeStatus.TooLarge, "the command is larger than the cluster accepts");
                case ProposeStatus.Rejected:
                    return CommandOutcome.Failed(OutcomeStatus.BadRequest, "the leader refused the command: it does not decode or breaks the cluster's limits");
                case ProposeStatus.NotLeader:
                    await FollowHintAsync(reply.LeaderHint, cancellationToken).ConfigureAwait(true);
                    break;
                case ProposeStatus.Transferring:
                    // The target takes over within a round trip or two: ask it again soon, not after a full retry delay.
                    NoteTransfer();
                    Interlocked.Exchange(ref _leaderHint, reply.LeaderHint);
                    await Task.Delay(options.TransferRetryDelay, timeProvider, cancellationToken).ConfigureAwait(true);
                    break;
                default:
                    // Dropped, Timeout, LeadershipLost, Unknown: the same bytes again; the session makes it safe.
                    ForgetLeader(leader);
                    await PauseForNewsAsync(leader, cancellationToken).ConfigureAwait(true);
                    break;
            }
        }
    }

    /// <summary>
    /// One step of every retry loop: stop at the deadline; wait and try again while no leader is known;
    /// answer not-leader when forwarding is off and the leader lives elsewhere; else the leader to call.
    /// </summary>
    private async Task<(int Leader, CommandOutcome? Stop)> NextLeaderAsync(DateTimeOffset deadline, string timeoutDetail, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (timeProvider.GetUtcNow() > deadline) return (0, CommandOutcome.Failed(OutcomeStatus.Timeout, timeoutDetail));
        var leader = await FindLeaderAsync(cancellationToken).ConfigureAwait(true);
        if (leader == 0)
        {
            await PauseForNewsAsync(0, cancellationToken).ConfigureAwait(true);
            return (0, null);
        }
        if (!options.ForwardToLeader && !gateway.LocalPeers.Contains(leader)) return (0, CommandOutcome.NotLeader(gateway.ClientAddressOf(leader)));
        return (leader, null);
    }

    /// <summary>
    /// Calls the leader; null when it could not be reached, after forgetting it and pausing for the next
    /// attempt. With <paramref name="retryOnNews"/> (a call that is safe to repeat), also null as soon as a
    /// local peer hears of another leader: that one becomes the hint and the call is abandoned, since an
    /// answer from a leader whose silo died would only come with Orleans' verdict on it.
    /// </summary>
    private async Task<T?> CallLeaderAsync<T>(int leader, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, bool retryOnNews = false)
        where T : class
    {
        try
        {
            if (!retryOnNews) return await call(cancellationToken).ConfigureAwait(true);
            var (answer, newLeader) = await leaderNews.CallUnlessReplacedAsync(leader, call, cancellationToken).ConfigureAwait(true);
            if (answer is null) Interlocked.Exchange(ref _leaderHint, newLeader);
            return answer;
        }
        catch (PeerUnreachableException)
        {
            ForgetLeader(leader);
            await PauseForNewsAsync(leader, cancellationToken).ConfigureAwait(true);
            return null;
        }
    }

    /// <summary>Follows a not-leader answer: its hint is the next leader to try; without one, pause first (briefly while leadership moves, or until a local peer hears of a leader).</summary>
    private async Task FollowHintAsync(int hint, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _leaderHint, hint);
        if (hint == 0) await PauseForNewsAsync(0, cancellationToken).ConfigureAwait(true);
    }

    /// <summary>
    /// The pause before trying again. Short while leadership was moving a moment ago: a lost answer, an
    /// unreachable old leader (its silo stopping after a handoff) or a leaderless moment then ends within
    /// a round trip or two, so a full retry delay would only add to the pause in writes.
    /// </summary>
    private Task RetryPauseAsync(CancellationToken cancellationToken) =>
        Task.Delay(TransferRecent ? options.TransferRetryDelay : options.RetryDelay, timeProvider, cancellationToken);

    /// <summary>
    /// The retry pause after finding no leader (<paramref name="unusable"/> 0) or an unreachable one, cut short
    /// when a local peer hears of a leader other than that one, which becomes the hint.
    /// </summary>
    private async Task PauseForNewsAsync(int unusable, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var news = leaderNews.NextLeaderOtherThanAsync(unusable, stop.Token);
        var pause = RetryPauseAsync(stop.Token);
        if (await Task.WhenAny(news, pause).ConfigureAwait(true) == news && news.IsCompletedSuccessfully)
            Interlocked.Exchange(ref _leaderHint, news.Result);
        await stop.CancelAsync().ConfigureAwait(true);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void ForgetLeader(int leader) => Interlocked.CompareExchange(ref _leaderHint, 0, leader);

    /// <summary>
    /// The last leader we heard of, else whoever our own peers follow, else the first of the other peers to
    /// name one. The others are asked all at once: one whose silo just died answers only when its status call
    /// times out, and asked in turn it held every write behind it for that long after a failover.
    /// </summary>
    private async Task<int> FindLeaderAsync(CancellationToken cancellationToken)
    {
        var hint = Volatile.Read(ref _leaderHint);
        if (hint != 0) return hint;
        foreach (var peer in gateway.LocalPeers)
        {
            if (await LeaderKnownByAsync(peer, cancellationToken).ConfigureAwait(true) is var leader and not 0) return Hint(leader);
        }
        using var found = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var asking = gateway.AllPeers.Except(gateway.LocalPeers).Select(peer => LeaderKnownByAsync(peer, found.Token)).ToList();
        try
        {
            while (asking.Count > 0)
            {
                var answered = await Task.WhenAny(asking).ConfigureAwait(true);
                asking.Remove(answered);
                if (await answered.ConfigureAwait(true) is var leader and not 0) return Hint(leader);
            }
            return 0;
        }
        finally
        {
            // The rest need not answer now; LeaderKnownByAsync turns their cancellation into "none".
            await found.CancelAsync().ConfigureAwait(true);
        }
    }

    private int Hint(int leader)
    {
        Interlocked.Exchange(ref _leaderHint, leader);
        return leader;
    }

    /// <summary>The leader <paramref name="peer"/> is or follows; 0 when it knows none, is unreachable, or the search ended.</summary>
    private async Task<int> LeaderKnownByAsync(int peer, CancellationToken cancellationToken)
    {
        try
        {
            var status = await gateway.GetStatusAsync(peer, cancellationToken).ConfigureAwait(true);
            return status is null ? 0 : status.Role == Core.Node.RaftRole.Leader ? status.Id : status.Leader;
        }
        catch (OperationCanceledException)
        {
            return 0;
        }
    }

    /// <summary>The validator words every size limit "is over N bytes"; everything else is a malformed request.</summary>
    private static bool IsTooLarge(string reason) => reason.Contains(" bytes", StringComparison.Ordinal) && reason.Contains(" is over ", StringComparison.Ordinal);
}

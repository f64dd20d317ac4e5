using System.Globalization;
using Raft.Client.Results;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;
using ClusterStatus = Raft.Client.Results.ClusterStatus;

namespace Raft.Client.Cluster;

/// <summary>
/// One console session's typed calls on the silos' client grain. Every write (including <c>message get</c>,
/// which dequeues) carries this session's client id and its own sequence number, the same on every attempt,
/// so the cluster's session table turns a retried write into the recorded result instead of a second
/// application. An attempt that fails on its way (the gateway went away) is retried after a pause until
/// the timeout; an answer is final: the client grain has already retried inside the cluster.
/// Thread-safe: the bench calls it from many workers.
/// </summary>
internal sealed partial class ClusterSession
{
    /// <summary>Between attempts: long enough for Orleans to mark a dead gateway and pick another.</summary>
    public static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(250);

    private readonly IClusterConnection _connection;
    private readonly TimeSpan _requestTimeout;

    // The last sequence number handed out; the next write takes one more. Starts at 0, so the first is 1.
    private long _lastSequence;

    /// <param name="requestTimeout">How long one request may take, retries included.</param>
    /// <param name="clientId">The exactly-once client id; a fresh GUID when null.</param>
    public ClusterSession(IClusterConnection connection, TimeSpan requestTimeout, string? clientId = null)
    {
        _connection = connection;
        _requestTimeout = requestTimeout;
        ClientId = clientId ?? Guid.NewGuid().ToString("D");
    }

    public string ClientId { get; }

    public async Task<KvWriteResult> PutAsync(string key, string value, int? ttlSeconds, CancellationToken cancellationToken)
    {
        var result = await SubmitAsync(new Operation.Put(key, value, ttlSeconds), cancellationToken).ConfigureAwait(false);
        return result is CommandResult.Written written ? new KvWriteResult(key, written.Version) : throw OutcomeErrors.Unexpected(result);
    }

    public async Task<KvEntry> GetAsync(string key, bool stale, CancellationToken cancellationToken)
    {
        var consistency = stale ? ReadConsistency.Stale : ReadConsistency.Linearizable;
        var result = Completed(await CallAsync(token => _connection.ClientGrain.ReadAsync(key, consistency, token), cancellationToken).ConfigureAwait(false));
        return result switch
        {
            CommandResult.Value value => new KvEntry(key, value.Text, value.Version, value.ExpiresAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null),
            CommandResult.NotFound => throw OutcomeErrors.NotFound(key),
            _ => throw OutcomeErrors.Unexpected(result),
        };
    }

    public async Task<KvDeleteResult> DeleteAsync(string key, CancellationToken cancellationToken) =>
        await SubmitAsync(new Operation.Delete(key), cancellationToken).ConfigureAwait(false) switch
        {
            CommandResult.Deleted => new KvDeleteResult(key, Deleted: true),
            CommandResult.NotFound => new KvDeleteResult(key, Deleted: false),
            var other => throw OutcomeErrors.Unexpected(other),
        };

    public async Task<KvWriteResult> CompareAndSwapAsync(string key, long expectedVersion, string value, int? ttlSeconds, CancellationToken cancellationToken) =>
        await SubmitAsync(new Operation.Cas(key, expectedVersion, value, ttlSeconds), cancellationToken).ConfigureAwait(false) switch
        {
            CommandResult.Written written => new KvWriteResult(key, written.Version),
            CommandResult.VersionMismatch mismatch => throw OutcomeErrors.VersionMismatch(key, expectedVersion, mismatch.CurrentVersion),
            var other => throw OutcomeErrors.Unexpected(other),
        };

    /// <summary>True when the topic was created; false when the cluster refused (it exists).</summary>
    public async Task<bool> CreateTopicAsync(string topic, CancellationToken cancellationToken) =>
        QueueSucceeded(await SubmitAsync(new Operation.CreateTopic(topic), cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<string>> ListTopicsAsync(CancellationToken cancellationToken)
    {
        var result = Completed(await CallAsync(token => _connection.ClientGrain.ListTopicsAsync(ReadConsistency.Linearizable, token), cancellationToken).ConfigureAwait(false));
        return result is CommandResult.Topics topics ? topics.Names : throw OutcomeErrors.Unexpected(result);
    }

    /// <summary>True when the message was queued; false when the cluster refused (no such topic).</summary>
    public async Task<bool> PutMessageAsync(string topic, string message, CancellationToken cancellationToken) =>
        QueueSucceeded(await SubmitAsync(new Operation.PutMessage(topic, message), cancellationToken).ConfigureAwait(false));

    /// <summary>Takes the oldest message of the topic; null when the topic is empty or missing.</summary>
    public async Task<string?> GetMessageAsync(string topic, CancellationToken cancellationToken) =>
        await SubmitAsync(new Operation.GetMessage(topic), cancellationToken).ConfigureAwait(false) switch
        {
            CommandResult.Message message => message.Text,
            CommandResult.QueueFailure => null,
            var other => throw OutcomeErrors.Unexpected(other),
        };

    /// <summary>The role and term of the first peer of the silo behind the first listed gateway that is alive.</summary>
    public async Task<NodeStatus> GetNodeStatusAsync(CancellationToken cancellationToken)
    {
        var silo = await CallAsync(_connection.FindFirstGatewaySiloAsync, cancellationToken).ConfigureAwait(false)
            ?? throw new ClusterErrorException(ErrorCodes.Unavailable, "none of the listed gateways belongs to a live silo of the cluster");
        var status = await CallAsync(_connection.ClientGrain.GetClusterStatusAsync, cancellationToken).ConfigureAwait(false);
        var peer = status.Peers.Where(p => p.Silo == silo).MinBy(p => p.Id)
            ?? throw new ClusterErrorException(ErrorCodes.NotFound, $"silo {silo} hosts no Raft peer; see status");
        return new NodeStatus(peer.Role, peer.Term);
    }

    public async Task<ClusterStatus> GetClusterStatusAsync(CancellationToken cancellationToken)
    {
        var status = await CallAsync(_connection.ClientGrain.GetClusterStatusAsync, cancellationToken).ConfigureAwait(false);
        var peers = status.Peers
            .Select(p => new PeerStatus(p.Id, p.Silo, p.Address, p.Role, p.Term, p.LastIndex, p.CommitIndex, p.AppliedIndex, p.SnapshotIndex, p.FirstIndex, p.LogLength))
            .ToArray();
        return new ClusterStatus(status.Leader, status.LeaderAddress, peers);
    }

    private static bool QueueSucceeded(CommandResult result) => result switch
    {
        CommandResult.QueueSuccess => true,
        CommandResult.QueueFailure => false,
        _ => throw OutcomeErrors.Unexpected(result),
    };

    private static CommandResult Completed(CommandOutcome outcome) =>
        outcome is { Status: OutcomeStatus.Completed, Result: { } result } ? result : throw OutcomeErrors.FromFailure(outcome);

    /// <summary>Submits a write under the next sequence number, which every attempt of it shares.</summary>
    private async Task<CommandResult> SubmitAsync(Operation operation, CancellationToken cancellationToken)
    {
        var requestId = new ClientRequestId(ClientId, Interlocked.Increment(ref _lastSequence));
        return Completed(await CallAsync(token => _connection.ClientGrain.SubmitAsync(operation, requestId, token), cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Calls until an answer comes back or the request timeout passes. Cancelling the call's token at the
    /// deadline also cancels it at the client grain (Orleans forwards the cancellation).
    /// </summary>
    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_requestTimeout);
        Exception? lastFailure = null;
        try
        {
            while (true)
            {
                try
                {
                    return await call(deadline.Token).ConfigureAwait(false);
                }
                catch (Exception e) when (TransportFailures.IsTransportFailure(e))
                {
                    lastFailure = e;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The call reached the cluster and failed there (a serializer or version mismatch, a bug):
                    // another attempt would fail alike, and the console owes its caller one line, not a trace.
                    throw new ClusterErrorException(ErrorCodes.Internal, $"the cluster call failed: {e.GetType().Name}: {TransportFailures.Describe(e)}");
                }
                await Task.Delay(RetryPause, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var seconds = _requestTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            if (lastFailure is not null)
                throw new ClusterUnreachableException($"no gateway carried the request within {seconds} s: {TransportFailures.Describe(lastFailure)}", lastFailure);
            throw new ClusterErrorException(ErrorCodes.Timeout, $"no answer from the cluster within {seconds} s; a write may or may not have been applied");
        }
    }
}

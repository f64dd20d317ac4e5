using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Raft.Client.Api;

/// <summary>
/// Typed calls to the silos' HTTP API with endpoint failover. A request goes to the preferred endpoint; a
/// connection failure, an attempt timeout, or an answer that another silo may do better with
/// (<c>unavailable</c>, <c>timeout</c>, <c>not-leader</c> without a leader) moves on to the next endpoint; a
/// <c>not-leader</c> naming the leader is followed once. Every write carries this process's client id and
/// its own sequence number, the same on every attempt, so a retried write is applied once (the server
/// returns the recorded result for a pair it has seen).
/// Thread-safe: the bench calls it from many workers.
/// </summary>
internal sealed class ApiClient
{
    public const string ClientIdHeader = "Raft-Client-Id";
    public const string SequenceHeader = "Raft-Request-Sequence";

    private static readonly MediaTypeHeaderValue _jsonContentType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly TimeSpan _attemptTimeout;

    // The last sequence number handed out; the next write takes one more. Starts at 0, so the first is 1.
    private long _lastSequence;

    /// <param name="http">Shared, with an infinite <see cref="HttpClient.Timeout"/>: each attempt has its own.</param>
    /// <param name="endpoints">The silos to try, most promising first.</param>
    /// <param name="attemptTimeout">How long one endpoint may take before the next is tried.</param>
    /// <param name="clientId">The exactly-once session id; a fresh GUID when null.</param>
    public ApiClient(HttpClient http, EndpointList endpoints, TimeSpan attemptTimeout, string? clientId = null)
    {
        _http = http;
        Endpoints = endpoints;
        _attemptTimeout = attemptTimeout;
        ClientId = clientId ?? Guid.NewGuid().ToString("D");
    }

    public string ClientId { get; }

    public EndpointList Endpoints { get; }

    public Task<KvWriteResult> PutAsync(string key, string value, int? ttlSeconds, CancellationToken cancellationToken) =>
        SendAsync<KvWriteResult>(HttpMethod.Put, KeyPath(key), new { value, ttlSeconds }, isWrite: true, cancellationToken);

    public Task<KvEntry> GetAsync(string key, bool stale, CancellationToken cancellationToken) =>
        SendAsync<KvEntry>(HttpMethod.Get, KeyPath(key) + (stale ? "?stale=true" : ""), body: null, isWrite: false, cancellationToken);

    public Task<KvDeleteResult> DeleteAsync(string key, CancellationToken cancellationToken) =>
        SendAsync<KvDeleteResult>(HttpMethod.Delete, KeyPath(key), body: null, isWrite: true, cancellationToken);

    public Task<KvWriteResult> CompareAndSwapAsync(string key, long expectedVersion, string value, int? ttlSeconds, CancellationToken cancellationToken) =>
        SendAsync<KvWriteResult>(HttpMethod.Post, KeyPath(key) + "/cas", new { expectedVersion, value, ttlSeconds }, isWrite: true, cancellationToken);

    /// <summary>True when the topic was created; false when the cluster refused (it exists).</summary>
    public async Task<bool> CreateTopicAsync(string topic, CancellationToken cancellationToken) =>
        (await SendAsync<QueueResponse>(HttpMethod.Put, "topic", new { topic }, isWrite: true, cancellationToken).ConfigureAwait(false)).Success;

    public async Task<IReadOnlyList<string>> ListTopicsAsync(CancellationToken cancellationToken)
    {
        var response = await SendAsync<QueueResponse>(HttpMethod.Get, "topic", body: null, isWrite: false, cancellationToken).ConfigureAwait(false);
        return response.Topics ?? [];
    }

    /// <summary>True when the message was queued; false when the cluster refused (no such topic).</summary>
    public async Task<bool> PutMessageAsync(string topic, string message, CancellationToken cancellationToken) =>
        (await SendAsync<QueueResponse>(HttpMethod.Put, "message", new { topic, message }, isWrite: true, cancellationToken).ConfigureAwait(false)).Success;

    /// <summary>Takes the oldest message of the topic; null when the topic is empty or missing.</summary>
    public async Task<string?> GetMessageAsync(string topic, CancellationToken cancellationToken)
    {
        // A GET, but it dequeues: a write as far as exactly-once is concerned, so a retry cannot pop twice.
        var response = await SendAsync<QueueResponse>(HttpMethod.Get, "message/" + Uri.EscapeDataString(topic), body: null, isWrite: true, cancellationToken).ConfigureAwait(false);
        return response.Success ? response.Message ?? "" : null;
    }

    public Task<NodeStatus> GetNodeStatusAsync(CancellationToken cancellationToken) =>
        SendAsync<NodeStatus>(HttpMethod.Get, "status", body: null, isWrite: false, cancellationToken);

    public Task<ClusterStatus> GetClusterStatusAsync(CancellationToken cancellationToken) =>
        SendAsync<ClusterStatus>(HttpMethod.Get, "cluster/status", body: null, isWrite: false, cancellationToken);

    private static string Display(Uri endpoint) => endpoint.ToString().TrimEnd('/');

    private static string KeyPath(string key) => "kv/" + Uri.EscapeDataString(key);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, bool isWrite, CancellationToken cancellationToken)
        where T : class
    {
        var content = body is null ? null : JsonSerializer.SerializeToUtf8Bytes(body, ApiJson.Options);
        // One sequence number per logical write, reused on every attempt below.
        long? sequence = isWrite ? Interlocked.Increment(ref _lastSequence) : null;

        var plan = new List<Uri>(Endpoints.InTryOrder());
        var failures = new List<string>();
        Exception? lastFailure = null;
        ApiException? lastRetryable = null;
        var followedRedirect = false;
        for (var next = 0; next < plan.Count; next++)
        {
            var endpoint = plan[next];
            AttemptResult<T> result;
            try
            {
                result = await AttemptAsync<T>(endpoint, method, path, content, sequence, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                failures.Add($"{Display(endpoint)}: {e.Message}");
                lastFailure = e;
                continue;
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failures.Add($"{Display(endpoint)}: no answer within {_attemptTimeout.TotalSeconds:0.#} s");
                lastFailure = e;
                continue;
            }

            if (result.Value is { } value)
            {
                Endpoints.Prefer(endpoint);
                return value;
            }

            var error = result.Error!;
            if (error.Code == ApiErrorCodes.NotLeader && !followedRedirect && error.Leader is { } leaderText && EndpointList.TryParseEndpoint(leaderText) is { } leader)
            {
                // Follow the redirect once, right away; drop the leader from later in the plan so it is not tried twice.
                followedRedirect = true;
                plan.RemoveAll(u => u == leader);
                plan.Insert(next + 1, leader);
                lastRetryable = error;
                continue;
            }
            if (error.Code is ApiErrorCodes.NotLeader or ApiErrorCodes.Unavailable or ApiErrorCodes.Timeout)
            {
                lastRetryable = error;
                continue;
            }
            // A definite answer (not-found, version-mismatch, ...): this endpoint serves, keep using it.
            Endpoints.Prefer(endpoint);
            throw error;
        }

        if (lastRetryable is not null) throw lastRetryable;
        throw new ClusterUnreachableException("no endpoint answered: " + string.Join("; ", failures), lastFailure);
    }

    private async Task<AttemptResult<T>> AttemptAsync<T>(Uri endpoint, HttpMethod method, string path, byte[]? content, long? sequence, CancellationToken cancellationToken)
        where T : class
    {
        using var attemptCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attemptCancellation.CancelAfter(_attemptTimeout);
        using var request = new HttpRequestMessage(method, new Uri(endpoint, path));
        if (content is not null)
        {
            request.Content = new ByteArrayContent(content);
            request.Content.Headers.ContentType = _jsonContentType;
        }
        if (sequence is { } sequenceNumber)
        {
            request.Headers.Add(ClientIdHeader, ClientId);
            request.Headers.Add(SequenceHeader, sequenceNumber.ToString(CultureInfo.InvariantCulture));
        }

        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptCancellation.Token).ConfigureAwait(false);
        var bytes = await response.Content.ReadAsByteArrayAsync(attemptCancellation.Token).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode) return new(null, ProblemReader.Read(endpoint, status, bytes));
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes, ApiJson.Options) ?? throw new JsonException("the body is null");
            return new(value, null);
        }
        catch (JsonException e)
        {
            return new(null, new ApiException(ApiErrorCodes.BadResponse, $"unreadable answer from {endpoint}: {e.Message}", status, endpoint));
        }
    }

    /// <summary>Exactly one of the two is set.</summary>
    private readonly record struct AttemptResult<T>(T? Value, ApiException? Error)
        where T : class;
}

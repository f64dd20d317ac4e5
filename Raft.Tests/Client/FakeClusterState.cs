using System.Text.Json;
using System.Text.Json.Nodes;

namespace Raft.Tests.Client;

/// <summary>
/// The replicated state behind one or more fake silos, implementing the HTTP API contract in memory: the
/// key-value store with per-key versions, TTLs and CAS, the seeds' message queue, the cluster status, and
/// exactly-once: a write carrying a (client id, sequence) pair already seen gets the recorded answer and
/// changes nothing. Several FakeRaftServers may share one state, as the silos of a cluster share a log.
/// </summary>
internal sealed class FakeClusterState
{
    private static readonly JsonSerializerOptions _json = new(JsonSerializerDefaults.Web);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Value, long Version, DateTimeOffset? ExpiresAt)> _kv = [];
    private readonly Dictionary<string, Queue<string>> _topics = [];
    private readonly Dictionary<(string ClientId, long Sequence), FakeResponse> _applied = [];

    /// <summary>What <c>GET /cluster/status</c> returns (serialized as is).</summary>
    public object ClusterStatus { get; set; } = new { leader = (long?)null, leaderAddress = (string?)null, peers = Array.Empty<object>() };

    /// <summary>How many writes changed state (a deduplicated retry does not count).</summary>
    public int WritesApplied { get; private set; }

    public FakeResponse Execute(string method, string path, string query, string body, string? clientId, long? sequence)
    {
        lock (_lock)
        {
            var isWrite = method != "GET" || path.StartsWith("/message/", StringComparison.Ordinal);
            if (isWrite && clientId is not null && sequence is { } seq && _applied.TryGetValue((clientId, seq), out var recorded)) return recorded;
            var response = Dispatch(method, path, query, body);
            if (isWrite && response.Status == 200)
            {
                WritesApplied++;
                if (clientId is not null && sequence is { } s) _applied[(clientId, s)] = response;
            }
            return response;
        }
    }

    public static FakeResponse Problem(int status, string code, string detail, object? extensions = null)
    {
        var problem = new JsonObject
        {
            ["type"] = "about:blank",
            ["title"] = code,
            ["status"] = status,
            ["detail"] = detail,
            ["code"] = code,
        };
        if (extensions is not null)
        {
            foreach (var (name, value) in JsonSerializer.SerializeToNode(extensions, _json)!.AsObject()) problem[name] = value?.DeepClone();
        }
        return new FakeResponse(status, problem.ToJsonString());
    }

    private FakeResponse Dispatch(string method, string path, string query, string body)
    {
        var segments = path.Trim('/').Split('/');
        return (method, segments) switch
        {
            ("PUT", ["kv", var key]) => Put(key, body),
            ("GET", ["kv", var key]) => Get(key),
            ("DELETE", ["kv", var key]) => Delete(key),
            ("POST", ["kv", var key, "cas"]) => CompareAndSwap(key, body),
            ("PUT", ["topic"]) => CreateTopic(body),
            ("GET", ["topic"]) => Ok(new { success = true, topics = _topics.Keys.Order(StringComparer.Ordinal).ToArray() }),
            ("PUT", ["message"]) => PutMessage(body),
            ("GET", ["message", var topic]) => TakeMessage(topic),
            ("GET", ["status"]) => Ok(new { role = "Leader", term = 3 }),
            ("GET", ["cluster", "status"]) => Ok(ClusterStatus),
            _ => Problem(404, "not-found", $"no route {method} {path}{query}"),
        };
    }

    private FakeResponse Put(string key, string body)
    {
        var request = JsonNode.Parse(body)!.AsObject();
        if (request["value"]?.GetValue<string>() is not { } value) return Problem(400, "bad-request", "value is required");
        var version = Live(key) is { } current ? current.Version + 1 : 1;
        _kv[key] = (value, version, ExpiryFrom(request));
        return Ok(new { key, version });
    }

    private FakeResponse Get(string key) => Live(key) is { } entry
        ? Ok(new { key, value = entry.Value, version = entry.Version, expiresAt = entry.ExpiresAt })
        : Problem(404, "not-found", $"key '{key}' not found");

    private FakeResponse Delete(string key)
    {
        var deleted = Live(key) is not null;
        _kv.Remove(key);
        return Ok(new { key, deleted });
    }

    private FakeResponse CompareAndSwap(string key, string body)
    {
        var request = JsonNode.Parse(body)!.AsObject();
        var expected = request["expectedVersion"]!.GetValue<long>();
        var current = Live(key)?.Version ?? 0;
        if (current != expected) return Problem(409, "version-mismatch", $"key '{key}' is at version {current}, not {expected}", new { currentVersion = current });
        _kv[key] = (request["value"]!.GetValue<string>(), current + 1, ExpiryFrom(request));
        return Ok(new { key, version = current + 1 });
    }

    private FakeResponse CreateTopic(string body)
    {
        var topic = JsonNode.Parse(body)!["topic"]!.GetValue<string>();
        return Ok(new { success = _topics.TryAdd(topic, new Queue<string>()) });
    }

    private FakeResponse PutMessage(string body)
    {
        var request = JsonNode.Parse(body)!;
        if (!_topics.TryGetValue(request["topic"]!.GetValue<string>(), out var queue)) return Ok(new { success = false });
        queue.Enqueue(request["message"]!.GetValue<string>());
        return Ok(new { success = true });
    }

    private FakeResponse TakeMessage(string topic) =>
        _topics.TryGetValue(topic, out var queue) && queue.TryDequeue(out var message)
            ? Ok(new { success = true, message })
            : Ok(new { success = false });

    private (string Value, long Version, DateTimeOffset? ExpiresAt)? Live(string key) =>
        _kv.TryGetValue(key, out var entry) && (entry.ExpiresAt is null || entry.ExpiresAt > DateTimeOffset.UtcNow) ? entry : null;

    private static DateTimeOffset? ExpiryFrom(JsonObject request) =>
        request["ttlSeconds"]?.GetValue<int>() is { } ttl ? DateTimeOffset.UtcNow.AddSeconds(ttl) : null;

    private static FakeResponse Ok(object body) => new(200, JsonSerializer.Serialize(body, _json));
}

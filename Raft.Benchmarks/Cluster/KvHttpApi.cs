using System.Net.Http.Headers;
using System.Text.Json;

namespace Raft.Benchmarks.Cluster;

/// <summary>
/// What a benchmark needs of a cluster's client HTTP API, so that one load generator and one failover writer
/// drive ours and etcd alike: a put and a linearizable get as requests, which member leads, and whether a
/// member serves. Members are named by their client URLs, without a trailing slash.
/// </summary>
internal abstract class KvHttpApi
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>The system's name in reports.</summary>
    public abstract string Name { get; }

    public abstract HttpRequestMessage Put(string url, string key, string value);

    public abstract HttpRequestMessage LinearizableGet(string url, string key);

    /// <summary>The index in <paramref name="urls"/> of the leader, or null when no member answers with one.</summary>
    public abstract Task<int?> FindLeaderOnceAsync(HttpClient http, IReadOnlyList<string> urls, CancellationToken cancellationToken);

    /// <summary>Whether the member at <paramref name="url"/> answers and knows a leader.</summary>
    public abstract Task<bool> IsServingAsync(HttpClient http, string url, CancellationToken cancellationToken);

    public async Task<int> FindLeaderAsync(HttpClient http, IReadOnlyList<string> urls, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (await FindLeaderOnceAsync(http, urls, cancellationToken).ConfigureAwait(false) is { } leader) return leader;
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task WaitForServingAsync(HttpClient http, string url, CancellationToken cancellationToken = default)
    {
        while (!await IsServingAsync(http, url, cancellationToken).ConfigureAwait(false))
        {
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The failures that mean "not up, or no leader yet": asking again later is the answer to them.</summary>
    protected static bool IsTransient(Exception e) =>
        e is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException;

    /// <summary>One JSON object, written by <paramref name="writeMembers"/>, as UTF-8.</summary>
    protected static byte[] JsonObject(Action<Utf8JsonWriter> writeMembers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            writeMembers(json);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    protected static ByteArrayContent JsonContent(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}

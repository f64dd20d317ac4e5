using System.Net.Http.Headers;
using System.Text;

namespace Raft.Benchmarks.Cluster;

/// <summary>
/// The API of Raft.Benchmarks.DotNext, the minimal key-value server on dotNext's Raft: <c>PUT /kv/{key}</c>
/// with the value as the body, <c>GET /kv/{key}</c> (linearizable: dotNext's strong read barrier), and
/// <c>GET /leader</c>, which answers the leader's HTTP URL as plain text (503 while the member knows none).
/// </summary>
internal sealed class DotNextKvApi : KvHttpApi
{
    public static readonly DotNextKvApi Instance = new();

    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");

    public override string Name => "dotNext";

    public override HttpRequestMessage Put(string url, string key, string value)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
        content.Headers.ContentType = OctetStream;
        return new HttpRequestMessage(HttpMethod.Put, KeyUri(url, key)) { Content = content };
    }

    public override HttpRequestMessage LinearizableGet(string url, string key) => new(HttpMethod.Get, KeyUri(url, key));

    public override async Task<int?> FindLeaderOnceAsync(HttpClient http, IReadOnlyList<string> urls, CancellationToken cancellationToken)
    {
        // The leader is the member that names itself: a follower keeps naming a killed leader until an
        // election tells it otherwise.
        for (var i = 0; i < urls.Count; i++)
        {
            if (await LeaderOfAsync(http, urls[i], cancellationToken).ConfigureAwait(false) == urls[i]) return i;
        }
        return null;
    }

    public override async Task<bool> IsServingAsync(HttpClient http, string url, CancellationToken cancellationToken) =>
        await LeaderOfAsync(http, url, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>The DotNext.Net.Cluster version a member runs ("6.12.0"), or "?" when it does not answer.</summary>
    public static async Task<string> VersionAsync(HttpClient http, string url, CancellationToken cancellationToken = default)
    {
        try
        {
            return await http.GetStringAsync(new Uri(url + "/version"), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            return "?";
        }
    }

    /// <summary>The leader's URL as the member at <paramref name="url"/> knows it, or null when it knows none or does not answer.</summary>
    private static async Task<string?> LeaderOfAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(url + "/leader"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).TrimEnd('/') : null;
        }
        catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static Uri KeyUri(string url, string key) => new(url + "/kv/" + Uri.EscapeDataString(key));
}

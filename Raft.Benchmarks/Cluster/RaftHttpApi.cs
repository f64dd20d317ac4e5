using System.Text.Json;

namespace Raft.Benchmarks.Cluster;

/// <summary>
/// Our client HTTP API (README "HTTP API"): <c>PUT /kv/{key}</c> with <c>{"value":...}</c>, <c>GET /kv/{key}</c>
/// (linearizable unless <c>?stale=true</c>), and <c>GET /cluster/status</c>, whose <c>leaderAddress</c> is the
/// leader's client URL.
/// </summary>
internal sealed class RaftHttpApi : KvHttpApi
{
    public static readonly RaftHttpApi Instance = new();

    public override string Name => "RaftOrleans";

    public override HttpRequestMessage Put(string url, string key, string value) =>
        new(HttpMethod.Put, KeyUri(url, key)) { Content = JsonContent(PutBody(value)) };

    public override HttpRequestMessage LinearizableGet(string url, string key) => new(HttpMethod.Get, KeyUri(url, key));

    public override async Task<int?> FindLeaderOnceAsync(HttpClient http, IReadOnlyList<string> urls, CancellationToken cancellationToken)
    {
        foreach (var url in urls)
        {
            try
            {
                using var status = JsonDocument.Parse(await http.GetStringAsync(new Uri(url + "/cluster/status"), cancellationToken).ConfigureAwait(false));
                if (status.RootElement.GetProperty("leaderAddress").GetString() is { } leader)
                {
                    var index = urls.ToList().IndexOf(leader.TrimEnd('/'));
                    if (index >= 0) return index;
                }
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                // Not up, or no leader yet: ask the next.
            }
        }
        return null;
    }

    public override async Task<bool> IsServingAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(url + "/cluster/status"), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return false;
            using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            return status.RootElement.GetProperty("leader").ValueKind == JsonValueKind.Number;
        }
        catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    internal static byte[] PutBody(string value) => JsonObject(json => json.WriteString("value", value));

    private static Uri KeyUri(string url, string key) => new(url + "/kv/" + Uri.EscapeDataString(key));
}

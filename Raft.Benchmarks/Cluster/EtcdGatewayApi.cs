using System.Text;
using System.Text.Json;

namespace Raft.Benchmarks.Cluster;

/// <summary>
/// etcd's v3 JSON gateway on its client URL (grpc-gateway, HTTP/1.1): <c>POST /v3/kv/put</c> and
/// <c>POST /v3/kv/range</c> with base64 <c>key</c> and <c>value</c> (a range without <c>serializable</c> is
/// linearizable), and <c>POST /v3/maintenance/status</c>, whose <c>leader</c> is the leader's member id and
/// whose <c>header.member_id</c> is the answering member's. Ids are uint64s, which the gateway writes as strings.
/// </summary>
internal sealed class EtcdGatewayApi : KvHttpApi
{
    public static readonly EtcdGatewayApi Instance = new();

    private static readonly byte[] EmptyObject = "{}"u8.ToArray();

    public override string Name => "etcd";

    public override HttpRequestMessage Put(string url, string key, string value) =>
        new(HttpMethod.Post, new Uri(url + "/v3/kv/put")) { Content = JsonContent(PutBody(key, value)) };

    public override HttpRequestMessage LinearizableGet(string url, string key) =>
        new(HttpMethod.Post, new Uri(url + "/v3/kv/range")) { Content = JsonContent(RangeBody(key)) };

    public override async Task<int?> FindLeaderOnceAsync(HttpClient http, IReadOnlyList<string> urls, CancellationToken cancellationToken)
    {
        // Each member says who leads by id; the leader is the member whose own id that is, so every live
        // member is asked (a dead leader is named by the others but answers for no URL: no leader yet).
        string? leader = null;
        var ids = new string?[urls.Count];
        for (var i = 0; i < urls.Count; i++)
        {
            if (await StatusAsync(http, urls[i], cancellationToken).ConfigureAwait(false) is { } status)
            {
                ids[i] = status.MemberId;
                if (status.LeaderId != "0") leader = status.LeaderId;
            }
        }
        var index = Array.IndexOf(ids, leader);
        return leader is not null && index >= 0 ? index : null;
    }

    public override async Task<bool> IsServingAsync(HttpClient http, string url, CancellationToken cancellationToken) =>
        await StatusAsync(http, url, cancellationToken).ConfigureAwait(false) is { LeaderId: not "0" };

    /// <summary>The etcd version a member reports (3.4.23 from Debian's etcd-server), or "?" when it does not answer.</summary>
    public static async Task<string> VersionAsync(HttpClient http, string url, CancellationToken cancellationToken = default) =>
        (await StatusAsync(http, url, cancellationToken).ConfigureAwait(false))?.Version ?? "?";

    internal static byte[] PutBody(string key, string value) => Body(key, value);

    internal static byte[] RangeBody(string key) => Body(key, value: null);

    /// <summary>
    /// The answering member's id, its leader's (<c>"0"</c> when it knows none) and the etcd version, from a
    /// status answer.
    /// </summary>
    internal static (string MemberId, string LeaderId, string Version) ParseStatus(string json)
    {
        using var status = JsonDocument.Parse(json);
        var root = status.RootElement;
        // A uint64 of 0 is left out of the gateway's JSON, so a missing leader means none.
        var leader = root.TryGetProperty("leader", out var id) ? id.GetString() ?? "0" : "0";
        return (root.GetProperty("header").GetProperty("member_id").GetString() ?? "", leader, root.GetProperty("version").GetString() ?? "?");
    }

    private static async Task<(string MemberId, string LeaderId, string Version)?> StatusAsync(HttpClient http, string url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsync(new Uri(url + "/v3/maintenance/status"), JsonContent(EmptyObject), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return null;
            return ParseStatus(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static byte[] Body(string key, string? value) => JsonObject(json =>
    {
        json.WriteBase64String("key", Encoding.UTF8.GetBytes(key));
        if (value is not null) json.WriteBase64String("value", Encoding.UTF8.GetBytes(value));
    });
}

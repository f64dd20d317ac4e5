using System.Net;

namespace Raft.Benchmarks.DotNext;

/// <summary>
/// A follower's way to serve a put: send it on to the leader's HTTP API and answer with the leader's status,
/// the proxy a user of dotNext's TCP transport writes (the transport carries Raft's messages only). The
/// forwarded request is marked, so the leader as this member last heard of it answers it itself.
/// </summary>
internal sealed class LeaderForwarder : IDisposable
{
    public const string ForwardedHeader = "X-Forwarded-By-Follower";

    /// <summary>As the load generator's own request limit: the client, not the proxy, decides when to give up.</summary>
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false })
    {
        DefaultRequestVersion = HttpVersion.Version11,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = Timeout,
    };

    public async Task<IResult> PutAsync(string leaderUrl, string key, byte[] value, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, KvApi.KeyUri(leaderUrl, key)) { Content = new ByteArrayContent(value) };
        request.Headers.Add(ForwardedHeader, "1");
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return Results.StatusCode((int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The leader this member knows of is gone or stuck: as without a leader.
            return KvApi.NoLeader;
        }
    }

    public void Dispose() => _http.Dispose();
}

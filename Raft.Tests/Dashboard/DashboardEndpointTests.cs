using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Raft.TestCluster;
using Raft.Tests.Integration;

namespace Raft.Tests.Dashboard;

/// <summary>
/// The Raft dashboard's server side on real silos: the live frames over server-sent events, the page's
/// files, and the demo controls, refused with 403 unless <c>Raft:Dashboard:Controls</c> is on.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class DashboardEndpointTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static IEnumerable<JsonElement> Peers(JsonElement frame) => frame.GetProperty("peers").EnumerateArray();

    private static int? Leader(JsonElement frame) => frame.GetProperty("leader").ValueKind == JsonValueKind.Null ? null : frame.GetProperty("leader").GetInt32();

    [Fact]
    public async Task Frames_ShowEveryPeer_TheLeader_TheLogs_AndTheTraffic()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        var (leaderSilo, leader) = await cluster.WaitForLeaderAsync();
        await PutLoad.WriteAsync(cluster.Silo(0), count: 20, keys: 5, concurrency: 4, cancellationToken: Token);
        await using var stream = await DashboardStream.OpenAsync(cluster.Silo(1).ClientUrl, Token);

        var frame = await stream.UntilAsync(f =>
                Leader(f) == leader.Id
                && Peers(f).All(p => p.GetProperty("reachable").GetBoolean() && p.GetProperty("commitIndex").GetInt64() >= 20)
                && f.GetProperty("links").EnumerateArray().Count(l => l.GetProperty("from").GetInt32() == leader.Id && l.GetProperty("perSecond").GetDouble() > 0) == 2,
            "3 reachable peers, the leader and its heartbeats", Wait, Token);

        Assert.Equal("Silo_1", frame.GetProperty("silo").GetString());
        Assert.False(frame.GetProperty("controls").GetBoolean());
        Assert.Equal(200, frame.GetProperty("intervalMs").GetInt32());
        Assert.Equal([1, 2, 3], Peers(frame).Select(p => p.GetProperty("id").GetInt32()));
        foreach (var peer in Peers(frame))
        {
            Assert.True(peer.GetProperty("siloUp").GetBoolean());
            Assert.Equal("voter", peer.GetProperty("membership").GetString());
            // The log's tail: the last 40 entries at most, each with its term, the newest last.
            var terms = peer.GetProperty("logTerms").EnumerateArray().Select(t => t.GetInt64()).ToArray();
            Assert.InRange(terms.Length, 1, 40);
            Assert.Equal(peer.GetProperty("lastIndex").GetInt64(), peer.GetProperty("logFrom").GetInt64() + terms.Length - 1);
            Assert.Equal(peer.GetProperty("lastTerm").GetInt64(), terms[^1]);
        }
        Assert.Equal(leaderSilo.Name, Peers(frame).Single(p => p.GetProperty("id").GetInt32() == leader.Id).GetProperty("silo").GetString());
        Assert.Contains(frame.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("peer").GetInt32() == leader.Id && e.GetProperty("kind").GetString() == "Leader");
        Assert.True(frame.GetProperty("commitLatency").GetProperty("count").GetInt32() > 0, frame.ToString());
    }

    [Fact]
    public async Task PageAndItsFiles_AreServed()
    {
        await using var cluster = await ClusterFixture.StartAsync(1);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var url = cluster.Silo(0).ClientUrl;
        using var redirect = await http.GetAsync(url + "/dashboard", Token);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/dashboard/", redirect.Headers.Location?.OriginalString);
        foreach (var (path, type) in new[] { ("/dashboard/", "text/html"), ("/dashboard/dashboard.js", "text/javascript"), ("/dashboard/dashboard.css", "text/css") })
        {
            using var response = await http.GetAsync(url + path, Token);
            response.EnsureSuccessStatusCode();
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        }
        using var missing = await http.GetAsync(url + "/dashboard/nope.js", Token);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        // The test cluster leaves the Orleans Dashboard off unless asked (Raft:OrleansDashboard=false).
        using var orleans = await http.GetAsync(url + "/orleans/", Token);
        Assert.Equal(HttpStatusCode.NotFound, orleans.StatusCode);
    }

    [Fact]
    public async Task Controls_AreRefusedWithoutTheFlag_AndChangeNothing()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        var (_, leader) = await cluster.WaitForLeaderAsync();
        using var http = new HttpClient();
        var url = cluster.Silo(0).ClientUrl + "/dashboard/control/";
        var other = leader.Id % 3 + 1;
        var requests = new Func<Task<HttpResponseMessage>>[]
        {
            () => http.PostAsJsonAsync(url + "leader", new { to = other }, Token),
            () => http.PostAsync(url + $"peers/{leader.Id}/pause", null, Token),
            () => http.PostAsync(url + $"peers/{leader.Id}/resume", null, Token),
            () => http.PutAsJsonAsync(url + "kv/forbidden", new { value = "x" }, Token),
            () => http.GetAsync(url + "kv/forbidden", Token),
        };
        foreach (var request in requests)
        {
            using var response = await request();
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.Equal("controls-disabled", problem.GetProperty("code").GetString());
        }

        using var read = await http.GetAsync(cluster.Silo(0).ClientUrl + "/kv/forbidden", Token);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        var after = await cluster.WaitForLeaderAsync();
        Assert.Equal(leader.Id, after.Status.Id);
        Assert.Equal(leader.Term, after.Status.Term);
    }

    [Fact]
    public async Task Controls_WithTheFlag_PutGet_PauseAndResume_TransferLeadership()
    {
        // Only silo 0 has the controls on: the flag is per silo, and silo 1 still refuses.
        await using var cluster = await ClusterFixture.StartAsync(3, options: new TestClusterOptions
        {
            SiloSettings = silo => silo.Instance == 0 ? new Dictionary<string, string?> { ["Raft:Dashboard:Controls"] = "true" } : new Dictionary<string, string?>(),
        });
        var (_, leader) = await cluster.WaitForLeaderAsync();
        using var http = new HttpClient();
        var url = cluster.Silo(0).ClientUrl + "/dashboard/control/";
        using (var refused = await http.PostAsync(cluster.Silo(1).ClientUrl + $"/dashboard/control/peers/{leader.Id}/pause", null, Token))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        (await http.PutAsJsonAsync(url + "kv/demo", new { value = "hello" }, Token)).EnsureSuccessStatusCode();
        var entry = await http.GetFromJsonAsync<JsonElement>(url + "kv/demo", Token);
        Assert.Equal("hello", entry.GetProperty("value").GetString());

        await using var stream = await DashboardStream.OpenAsync(cluster.Silo(0).ClientUrl, Token);
        Assert.True((await stream.NextAsync(Token)).GetProperty("controls").GetBoolean());

        // A paused leader is cut off: the others elect a new one; resumed, it follows.
        (await http.PostAsync(url + $"peers/{leader.Id}/pause", null, Token)).EnsureSuccessStatusCode();
        var frame = await stream.UntilAsync(f => Leader(f) is { } l && l != leader.Id
                && Peers(f).Single(p => p.GetProperty("id").GetInt32() == leader.Id).GetProperty("paused").GetBoolean(),
            "the paused leader replaced", Wait, Token);
        var newLeader = Leader(frame)!.Value;
        Assert.Contains(frame.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("peer").GetInt32() == leader.Id && e.GetProperty("kind").GetString() == "Paused");
        (await http.PostAsync(url + $"peers/{leader.Id}/resume", null, Token)).EnsureSuccessStatusCode();
        await stream.UntilAsync(f => Peers(f).Single(p => p.GetProperty("id").GetInt32() == leader.Id) is var p
                && !p.GetProperty("paused").GetBoolean() && p.GetProperty("role").GetString() == "Follower" && p.GetProperty("leader").GetInt32() == newLeader,
            "the resumed peer following", Wait, Token);

        using (var unknown = await http.PostAsync(url + "peers/9/pause", null, Token))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // Leadership back to the first leader, through the transfer control.
        await cluster.WaitUntilAsync(async () =>
        {
            using var response = await http.PostAsJsonAsync(url + "leader", new { to = leader.Id }, Token);
            return response.IsSuccessStatusCode;
        }, "a transfer back to the first leader");
        await stream.UntilAsync(f => Leader(f) == leader.Id, "the first leader leading again", Wait, Token);

        // A peer whose silo is gone cannot be paused: 503, typed, nothing changed.
        var gone = cluster.Silo(2);
        await cluster.StopSiloAsync(gone);
        using var unreachable = await http.PostAsync(url + $"peers/{gone.PeerIds[0]}/pause", null, Token);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unreachable.StatusCode);
        Assert.Equal("unavailable", (await unreachable.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("code").GetString());
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Raft.Tests.Integration;

namespace Raft.Tests.EndToEnd;

/// <summary>
/// Seed 002's message-queue API, byte for byte, on real silos: a 1-silo and a 5-silo cluster, through
/// every silo, and again after the leader's silo stops and another takes over (on one silo, it restarts
/// from disk). Topics and messages committed before the change are all still there, in order.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class QueueApiEndToEndTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<string> SendAsync(HttpClient http, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request, Token);
        Assert.True(response.IsSuccessStatusCode, $"{method} {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
        return await response.Content.ReadAsStringAsync(Token);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public async Task QueueApi_BehavesAsSeed002_AcrossALeaderChange(int silos)
    {
        await using var cluster = await ClusterFixture.StartAsync(silos);
        using var http = new HttpClient();
        var (leader, _) = await cluster.WaitForLeaderAsync();
        string Url(int silo, string path) => cluster.Silo(silo % silos).ClientUrl + path;

        Assert.Equal("""{"success":true}""", await SendAsync(http, HttpMethod.Put, Url(0, "/topic"), new { topic = "orders" }));
        Assert.Equal("""{"success":false}""", await SendAsync(http, HttpMethod.Put, Url(1, "/topic"), new { topic = "orders" }));
        Assert.Equal("""{"success":true}""", await SendAsync(http, HttpMethod.Put, Url(2, "/topic"), new { topic = "audit" }));
        Assert.Equal("""{"success":true,"topics":["orders","audit"]}""", await SendAsync(http, HttpMethod.Get, Url(3, "/topic")));
        for (var i = 1; i <= 3; i++)
            Assert.Equal("""{"success":true}""", await SendAsync(http, HttpMethod.Put, Url(i, "/message"), new { topic = "orders", message = $"m{i}" }));
        Assert.Equal("""{"success":false}""", await SendAsync(http, HttpMethod.Put, Url(4, "/message"), new { topic = "missing", message = "x" }));
        Assert.Equal("""{"success":true,"message":"m1"}""", await SendAsync(http, HttpMethod.Get, Url(4, "/message/orders")));

        // The leader's silo stops; another leader (or, alone, the same peer restarted from disk) takes over.
        await cluster.StopSiloAsync(leader);
        if (silos == 1) await cluster.RestartSiloAsync(leader);
        var (newLeader, _) = await cluster.WaitForLeaderAsync(cluster.RunningSilos);
        Assert.True(silos == 1 || newLeader != leader);
        var survivor = cluster.RunningSilos.First().ClientUrl;

        Assert.Equal("""{"success":true,"topics":["orders","audit"]}""", await SendAsync(http, HttpMethod.Get, survivor + "/topic"));
        Assert.Equal("""{"success":true,"message":"m2"}""", await SendAsync(http, HttpMethod.Get, survivor + "/message/orders"));
        Assert.Equal("""{"success":true,"message":"m3"}""", await SendAsync(http, HttpMethod.Get, survivor + "/message/orders"));
        Assert.Equal("""{"success":false}""", await SendAsync(http, HttpMethod.Get, survivor + "/message/orders"));
        Assert.Equal("""{"success":false}""", await SendAsync(http, HttpMethod.Get, survivor + "/message/missing"));

        using var status = JsonDocument.Parse(await SendAsync(http, HttpMethod.Get, survivor + "/status"));
        Assert.Contains(status.RootElement.GetProperty("role").GetString(), new[] { "Leader", "Follower", "Candidate" });
    }
}

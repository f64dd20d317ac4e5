using System.Net;
using System.Net.Http.Json;
using System.Text;
using Raft.Tests.Integration;

namespace Raft.Tests.EndToEnd;

/// <summary>
/// The key-value HTTP API and the seeds' line protocol against real silos: a retried request (same client
/// id and sequence) applies once whichever silo it reaches; bad input is refused and changes nothing in the
/// log. (The console is an Orleans client, which cannot reach these silos' in-memory transport; it runs
/// against a real silo's gateway in Raft.Tests/Client/ConsoleAgainstSiloTests.)
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class KeyValueEndToEndTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RetriedRequest_ThroughAnotherSilo_AppliesOnce()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        using var http = new HttpClient();
        async Task<HttpResponseMessage> PutMessageAsync(string silo)
        {
            using var request = new HttpRequestMessage(HttpMethod.Put, silo + "/message") { Content = JsonContent.Create(new { topic = "jobs", message = "run-once" }) };
            request.Headers.Add("Raft-Client-Id", "retrying-client");
            request.Headers.Add("Raft-Request-Sequence", "7");
            return await http.SendAsync(request, Token);
        }
        (await http.PutAsJsonAsync(cluster.Silo(0).ClientUrl + "/topic", new { topic = "jobs" }, Token)).EnsureSuccessStatusCode();
        (await PutMessageAsync(cluster.Silo(0).ClientUrl)).EnsureSuccessStatusCode();
        (await PutMessageAsync(cluster.Silo(1).ClientUrl)).EnsureSuccessStatusCode();
        (await PutMessageAsync(cluster.Silo(2).ClientUrl)).EnsureSuccessStatusCode();

        Assert.Equal("""{"success":true,"message":"run-once"}""", await http.GetStringAsync(cluster.Silo(2).ClientUrl + "/message/jobs", Token));
        Assert.Equal("""{"success":false}""", await http.GetStringAsync(cluster.Silo(1).ClientUrl + "/message/jobs", Token));
    }

    [Fact]
    public async Task BadInput_IsRefused_AndTheLogDoesNotGrow()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        using var http = new HttpClient();
        var url = cluster.Silo(1).ClientUrl;
        (await http.PutAsJsonAsync(url + "/kv/k", new { value = "v" }, Token)).EnsureSuccessStatusCode();
        var (_, before) = await cluster.WaitForLeaderAsync();

        using var malformed = new StringContent("{\"value\":", Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PutAsync(url + "/kv/k", malformed, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.PutAsJsonAsync(url + "/kv/k", new { value = new string('x', 2 << 20) }, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await http.PutAsJsonAsync(url + "/kv/" + new string('k', 2000), new { value = "v" }, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(url + "/no/such/route", Token)).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await http.PostAsync(url + "/kv/k", null, Token)).StatusCode);

        var (_, after) = await cluster.WaitForLeaderAsync();
        Assert.Equal(before.LastIndex, after.LastIndex);
        Assert.Equal("v", (await http.GetFromJsonAsync<Dictionary<string, object>>(url + "/kv/k", Token))!["value"].ToString());
    }

    [Fact]
    public async Task LineProtocol_OnARealSilo_WriteReadCasDelete()
    {
        var linePort = Raft.TestCluster.TestClusterPorts.Unused();
        var options = new Raft.TestCluster.TestClusterOptions { Settings = new Dictionary<string, string?> { ["Raft:LinePort"] = linePort.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        await using var cluster = await ClusterFixture.StartAsync(1, options: options);
        await cluster.WaitForLeaderAsync();
        await using var line = await Raft.Tests.LineProtocol.LineClient.ConnectAsync(new IPEndPoint(IPAddress.Loopback, linePort));

        await line.SendAsync("write greeting 5\r\nhello\r\n");
        var written = await line.ReadLineAsync();
        Assert.StartsWith("OK ", written, StringComparison.Ordinal);
        var version = written[3..];
        await line.RoundTripAsync("read greeting\r\n", $"CONTENTS {version} 5 0\r\nhello\r\n");
        await line.RoundTripAsync("cas greeting 1 3\r\nbye\r\n", $"ERR_VERSION {version}\r\n");
        await line.RoundTripAsync("bogus line\r\n", "ERR_CMD_ERR\r\n");
        await line.SendAsync($"cas greeting {version} 3\r\nbye\r\n");
        Assert.StartsWith("OK ", await line.ReadLineAsync(), StringComparison.Ordinal);
        await line.RoundTripAsync("delete greeting\r\n", "OK\r\n");
        await line.RoundTripAsync("read greeting\r\n", "ERR_FILE_NOT_FOUND\r\n");
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Raft.Client.Cluster;
using Raft.Client.Watch;
using Raft.Tests.Hosting;
using Raft.Tests.Integration;

namespace Raft.Tests.Client;

// Proves the console end to end as an Orleans client: the real console (in-process) with the real Orleans
// connector, against one silo built as the process builds it (SiloApplication.Build, with its real gateway
// on a free port and the key-value state machine), with a dead gateway listed first: put, get, cas (match
// and mismatch), delete, status and status --node all answer through the live gateway; a gateway whose
// machine is gone (no answer at all) listed first costs at most a second or so, not the command. And with no silo at all, the
// console gives up within --timeout with one line and exit 3. `status --watch` polls every peer through the gateway
// and reads the leader's commit latency from its silo's /metrics over HTTP.
[Collection(IntegrationCollection.Name)]
public sealed class ConsoleAgainstSiloTests
{
    private static readonly OrleansClusterConnector _connector = new();

    [Fact]
    public async Task ThroughTheGateway_DeadGatewayFirst_PutGetCasDeleteStatus()
    {
        await using var silo = await InProcessSilo.StartAsync(keyValueStore: true);
        await silo.WaitForStableLeaderAsync();
        string[] gateways = ["--gateways", $"{DeadGateway()},{silo.GatewayAddress}", "--timeout", "20"];

        // One shell session: one connection and one client id for every line, as a person at the prompt has.
        var run = await ClientRun.RunWithInputAsync(
            _connector,
            "put color red\nget color\ncas color 999 blue\ndelete color\ndelete color\nget color\n",
            [.. gateways, "shell"]);

        var lines = run.OutLines;
        Assert.True(lines.Length == 4, run.ToString());
        Assert.StartsWith("OK ", lines[0], StringComparison.Ordinal);
        var version = lines[0][3..];
        Assert.Equal($"red (version {version})", lines[1]);
        Assert.Equal(["OK deleted", "OK (no such key)"], lines[2..]);
        Assert.Equal($"ERR version-mismatch: key 'color' is at version {version}, not 999 (current version {version})", run.ErrLines[0]);
        Assert.Equal("ERR not-found: key 'color' not found", run.ErrLines[1]);
        Assert.Equal(1, run.ExitCode);

        var cas = await ClientRun.RunAsync(_connector, [.. gateways, "--json", "cas", "color", "0", "green"]);
        Assert.True(cas.ExitCode == 0, cas.ToString());
        Assert.StartsWith("{\"key\":\"color\",\"version\":", Assert.Single(cas.OutLines), StringComparison.Ordinal);

        var status = await ClientRun.RunAsync(_connector, [.. gateways, "status"]);
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal(5, status.OutLines.Count(l => l.Contains("silo-1", StringComparison.Ordinal)));
        Assert.Single(status.OutLines, l => l.StartsWith("│ * ", StringComparison.Ordinal));

        var node = await ClientRun.RunAsync(_connector, [.. gateways, "status", "--node"]);
        Assert.True(node.ExitCode == 0, node.ToString());
        Assert.Matches("^(Leader|Follower|Candidate) \\(term [0-9]+\\)$", Assert.Single(node.OutLines));

        // A gateway whose machine is gone does not refuse, it does not answer at all. Three of them, as Orleans
        // starts from a random gateway: without the console's probe it would pick one of them three times in four.
        using var gone1 = new UnansweringGateway();
        using var gone2 = new UnansweringGateway();
        using var gone3 = new UnansweringGateway();
        // With the probe this takes a fraction of a second; Orleans alone waits 2 s or more for a gone gateway it picks.
        var clock = Stopwatch.StartNew();
        var put = await ClientRun.RunAsync(_connector, "--gateways", $"{gone1.Address},{gone2.Address},{gone3.Address},{silo.GatewayAddress}", "put", "color", "violet");
        Assert.True(put.ExitCode == 0, put.ToString());
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task StatusWatch_ThroughTheGateway_ShowsEveryPeerAndTheLeadersCommitLatency()
    {
        // The client URL the peers advertise must be the one served: the watch reads the leader's /metrics there.
        var clientUrl = $"http://127.0.0.1:{InProcessSilo.FreePort()}";
        await using var silo = await InProcessSilo.StartAsync(new Dictionary<string, string?> { ["Raft:ClientUrl"] = clientUrl }, keyValueStore: true);
        var leader = await silo.WaitForStableLeaderAsync();
        using var http = new HttpClient();
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var clock = new SteppingClock();
        var step = 0;
        clock.Stepping = _ =>
        {
            if (++step == 3) ctrlC.Cancel();
            else WriteAndWaitForMetricsAsync(http, clientUrl, leader.Id, writes: 5 * step, ctrlC.Token).GetAwaiter().GetResult();
        };

        var run = await ClientRun.RunWithClockAsync(_connector, clock, ctrlC.Token, "--gateways", silo.GatewayAddress, "--timeout", "20", "status", "--watch");

        Assert.True(run.ExitCode == 0 && run.OutLines.Length == 3, run.ToString());
        Assert.All(run.OutLines, line => Assert.Equal(6, line.Split(" | ").Length));
        Assert.DoesNotContain("unreachable", run.Out, StringComparison.Ordinal);
        // Five writes committed between the second and third polls, and the leader's page counted them.
        var last = run.OutLines[2];
        Assert.Contains($" leader={leader.Id} ", last, StringComparison.Ordinal);
        Assert.True(Regex.IsMatch(last, " commits/s=[0-9]+\\.[0-9] "), run.ToString());
        Assert.True(Regex.IsMatch(last.Split(" | ")[0], " commit-latency-ms=[0-9]+\\.[0-9]{2}$"), run.ToString());
    }

    /// <summary>Puts 5 keys through the HTTP API, then waits (bounded) until the leader's /metrics has counted <paramref name="writes"/> commits in all: the exporter may serve a cached page for a moment.</summary>
    private static async Task WriteAndWaitForMetricsAsync(HttpClient http, string clientUrl, int leader, int writes, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 5; i++) (await http.PutAsJsonAsync($"{clientUrl}/kv/watched{i}", new { value = "v" }, cancellationToken)).EnsureSuccessStatusCode();
        var deadline = Stopwatch.StartNew();
        while ((CommitLatencyTotals.Parse(await http.GetStringAsync($"{clientUrl}/metrics", cancellationToken), leader)?.Count ?? 0) < writes)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), $"the leader's /metrics never counted {writes} commits");
            await Task.Delay(50, cancellationToken);
        }
    }

    [Fact]
    public async Task NoSiloAtAll_Exit3WithOneLine_WithinTheTimeout()
    {
        var first = DeadGateway();
        var second = DeadGateway();
        var clock = Stopwatch.StartNew();

        var run = await ClientRun.RunAsync(_connector, "--gateways", $"{first},{second}", "--timeout", "2", "get", "k");

        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.ErrLines);
        Assert.StartsWith("ERR unreachable: no gateway answered", line, StringComparison.Ordinal);
        Assert.Contains($"{first}, {second}", line, StringComparison.Ordinal);
        Assert.Empty(run.Out);
        // The timeout bounds the wait for the cluster; building the client comes on top (seconds on a busy machine).
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(12));
    }

    /// <summary>"127.0.0.1:port" on a loopback port that was just free and is now closed: connecting is refused.</summary>
    private static string DeadGateway()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"127.0.0.1:{port}";
    }
}

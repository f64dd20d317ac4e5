using System.Globalization;
using System.Net.Http.Json;
using Raft.Client.Watch;
using Raft.Tests.Integration;

namespace Raft.Tests.EndToEnd;

/// <summary>
/// Every silo serves its peers' instruments in Prometheus text at /metrics (OpenTelemetry's exporter over
/// the "RaftOrleans" meter): the counters move with the writes, the gauges name each peer, and the console's
/// watch parses the commit latency out of the real text. And it
/// serves the Orleans Dashboard at /orleans, read-only, over the silo's own dashboard services.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class MetricsEndpointTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The sum of every sample of a metric whose labels contain all of <paramref name="labels"/>.</summary>
    private static double Sum(string text, string metric, params string[] labels) =>
        text.Split('\n')
            .Where(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));

    [Fact]
    public async Task Metrics_CountTheWrites_AndShowEveryPeersLog()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        using var http = new HttpClient();
        await cluster.WaitForLeaderAsync();
        for (var i = 0; i < 10; i++) (await http.PutAsJsonAsync(cluster.Silo(0).ClientUrl + $"/kv/m{i}", new { value = "v" }, Token)).EnsureSuccessStatusCode();
        Assert.Equal("v", (await http.GetFromJsonAsync<System.Text.Json.JsonElement>(cluster.Silo(0).ClientUrl + "/kv/m3", Token)).GetProperty("value").GetString());

        // Each silo exports its own peer; together they must have seen every write applied at the leader.
        var texts = new List<string>();
        for (var silo = 0; silo < 3; silo++)
        {
            using var response = await http.GetAsync(cluster.Silo(silo).ClientUrl + "/metrics", Token);
            response.EnsureSuccessStatusCode();
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            texts.Add(await response.Content.ReadAsStringAsync(Token));
        }
        var all = string.Join('\n', texts);
        Assert.True(Sum(all, "raft_proposals_total", "outcome=\"Applied\"") >= 10, all);
        Assert.True(Sum(all, "raft_commit_latency_milliseconds_count") >= 10, all);
        // status --watch reads the leader's commit latency from this page: its parser must read the exporter's own text.
        Assert.True(new[] { 1, 2, 3 }.Sum(peer => CommitLatencyTotals.Parse(all, peer)?.Count ?? 0) >= 10, all);
        Assert.True(Sum(all, "raft_storage_entries_per_sync_sum") >= 10, all);
        Assert.True(Sum(all, "raft_reads_total", "consistency=\"linearizable\"") >= 1, all);
        Assert.True(Sum(all, "raft_elections_won_total") >= 1, all);
        foreach (var peer in new[] { 1, 2, 3 })
        {
            Assert.True(Sum(all, "raft_commit_index", $"peer=\"{peer}\"") >= 10, $"peer {peer}: {all}");
            Assert.Contains($"raft_log_length{{otel_scope_name=\"RaftOrleans\",peer=\"{peer}\"}}", all, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task OrleansDashboard_IsServedAtOrleans_WithTheClustersSilos()
    {
        await using var cluster = await ClusterFixture.StartAsync(3, options: new Raft.TestCluster.TestClusterOptions { OrleansDashboard = true });
        using var http = new HttpClient();
        var url = cluster.Silo(1).ClientUrl;
        var page = await http.GetStringAsync(url + "/orleans/", Token);
        Assert.Contains("<html", page, StringComparison.OrdinalIgnoreCase);
        using var script = await http.GetAsync(url + "/orleans/index.min.js", Token);
        script.EnsureSuccessStatusCode();

        // The dashboard gathers its counters periodically: right after start they may not list the silos yet.
        await cluster.WaitUntilAsync(async () =>
        {
            var counters = await http.GetFromJsonAsync<System.Text.Json.JsonElement>(url + "/orleans/DashboardCounters", Token);
            return counters.GetProperty("hosts").EnumerateArray().Count(h => h.GetProperty("status").GetString() == "Active") == 3;
        }, "the Orleans Dashboard lists 3 active silos");
    }
}

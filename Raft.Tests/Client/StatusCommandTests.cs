using System.Text.Json;
using Raft.Grains.Client;

namespace Raft.Tests.Client;

// Proves that `status` renders every peer of the client grain's cluster status as a table row with all eleven
// fields and marks the leader's row, that --json prints the status in the same shape as before with the log's
// shape (snapshot index, first index, log length) appended, and that `status --node` prints the role and term of the first peer of the silo behind the first
// live listed gateway, or not-found when that silo hosts no peer.
public sealed class StatusCommandTests
{
    private readonly FakeCluster _cluster = new();

    public StatusCommandTests()
    {
        _cluster.State.Status = new ClusterStatus(2, "http://127.0.0.1:8081",
        [
            new PeerView(1, "silo-1", "http://127.0.0.1:8080", "Follower", 3, 120, 119, 118, Reachable: true),
            new PeerView(2, "silo-2", "http://127.0.0.1:8081", "Leader", 3, 121, 120, 120, Reachable: true),
            new PeerView(3, "silo-3", "http://127.0.0.1:8082", "Follower", 3, 117, 117, 116, Reachable: true, SnapshotIndex: 100, FirstIndex: 91, LogLength: 27),
        ]);
    }

    [Fact]
    public async Task Status_PrintsOneRowPerPeerWithEveryField()
    {
        var run = await ClientRun.RunAsync(_cluster, "status");

        Assert.Equal(0, run.ExitCode);
        foreach (var header in (string[])["id", "silo", "address", "role", "term", "last index", "commit", "applied", "snapshot", "first index", "log length"])
        {
            Assert.Contains(header, run.Out, StringComparison.Ordinal);
        }
        var follower = Assert.Single(run.OutLines, l => l.Contains("silo-3", StringComparison.Ordinal));
        Assert.Equal(["", "3", "silo-3", "http://127.0.0.1:8082", "Follower", "3", "117", "117", "116", "100", "91", "27"], Cells(follower));
    }

    [Fact]
    public async Task Status_MarksTheLeaderRowOnly()
    {
        var run = await ClientRun.RunAsync(_cluster, "status");

        var marked = run.OutLines.Where(l => Cells(l).FirstOrDefault() == "*").ToArray();
        var leaderRow = Assert.Single(marked);
        Assert.Contains("silo-2", leaderRow, StringComparison.Ordinal);
        Assert.Contains("leader: 2 (http://127.0.0.1:8081)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_ParsesWithPeers()
    {
        var run = await ClientRun.RunAsync(_cluster, "--json", "status");

        using var status = JsonDocument.Parse(run.Out);
        Assert.Equal(2, status.RootElement.GetProperty("leader").GetInt64());
        Assert.Equal(3, status.RootElement.GetProperty("peers").GetArrayLength());
        Assert.Equal(
            """{"id":3,"silo":"silo-3","address":"http://127.0.0.1:8082","role":"Follower","term":3,"lastIndex":117,"commitIndex":117,"appliedIndex":116,"snapshotIndex":100,"firstIndex":91,"logLength":27}""",
            status.RootElement.GetProperty("peers")[2].GetRawText());
    }

    [Fact]
    public async Task StatusNode_PrintsRoleAndTerm()
    {
        _cluster.GatewaySilo = "silo-2";

        var run = await ClientRun.RunAsync(_cluster, "status", "--node");
        var json = await ClientRun.RunAsync(_cluster, "--json", "status", "--node");

        Assert.Equal(["Leader (term 3)"], run.OutLines);
        Assert.Equal(["{\"role\":\"Leader\",\"term\":3}"], json.OutLines);
    }

    [Fact]
    public async Task StatusNode_SiloWithoutPeers_Exit1NotFound()
    {
        _cluster.GatewaySilo = "client-only";

        var run = await ClientRun.RunAsync(_cluster, "status", "--node");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["ERR not-found: silo client-only hosts no Raft peer; see status"], run.ErrLines);
    }

    // The table's cells between its vertical borders, trimmed; empty cells kept so "*" stays first.
    private static string[] Cells(string row) =>
        row.Split('│').Skip(1).SkipLast(1).Select(c => c.Trim()).ToArray();
}

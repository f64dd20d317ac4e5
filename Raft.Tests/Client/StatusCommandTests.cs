using System.Text.Json;

namespace Raft.Tests.Client;

// Proves that `status` renders every peer of GET /cluster/status as a table row with all eight fields and
// marks the leader's row, that --json passes the status through parseably, and that `status --node`
// prints the answering silo's role and term.
public sealed class StatusCommandTests : IAsyncLifetime
{
    private FakeRaftServer _silo = null!;

    public async ValueTask InitializeAsync()
    {
        _silo = await FakeRaftServer.StartAsync();
        _silo.State.ClusterStatus = new
        {
            leader = 2,
            leaderAddress = "http://127.0.0.1:8081",
            peers = new[]
            {
                new { id = 1, silo = "silo-1", address = "http://127.0.0.1:8080", role = "Follower", term = 3, lastIndex = 120, commitIndex = 119, appliedIndex = 118 },
                new { id = 2, silo = "silo-2", address = "http://127.0.0.1:8081", role = "Leader", term = 3, lastIndex = 121, commitIndex = 120, appliedIndex = 120 },
                new { id = 3, silo = "silo-3", address = "http://127.0.0.1:8082", role = "Follower", term = 3, lastIndex = 117, commitIndex = 117, appliedIndex = 116 },
            },
        };
    }

    public ValueTask DisposeAsync() => _silo.DisposeAsync();

    [Fact]
    public async Task Status_PrintsOneRowPerPeerWithEveryField()
    {
        var run = await ClientRun.RunAsync("--endpoints", _silo.Address, "status");

        Assert.Equal(0, run.ExitCode);
        foreach (var header in (string[])["id", "silo", "address", "role", "term", "last index", "commit", "applied"])
        {
            Assert.Contains(header, run.Out, StringComparison.Ordinal);
        }
        var follower = Assert.Single(run.OutLines, l => l.Contains("silo-3", StringComparison.Ordinal));
        Assert.Equal(["", "3", "silo-3", "http://127.0.0.1:8082", "Follower", "3", "117", "117", "116"], Cells(follower));
    }

    [Fact]
    public async Task Status_MarksTheLeaderRowOnly()
    {
        var run = await ClientRun.RunAsync("--endpoints", _silo.Address, "status");

        var marked = run.OutLines.Where(l => Cells(l).FirstOrDefault() == "*").ToArray();
        var leaderRow = Assert.Single(marked);
        Assert.Contains("silo-2", leaderRow, StringComparison.Ordinal);
        Assert.Contains("leader: 2 (http://127.0.0.1:8081)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_Json_ParsesWithPeers()
    {
        var run = await ClientRun.RunAsync("--endpoints", _silo.Address, "--json", "status");

        using var status = JsonDocument.Parse(run.Out);
        Assert.Equal(2, status.RootElement.GetProperty("leader").GetInt64());
        Assert.Equal(3, status.RootElement.GetProperty("peers").GetArrayLength());
    }

    [Fact]
    public async Task StatusNode_PrintsRoleAndTerm()
    {
        var run = await ClientRun.RunAsync("--endpoints", _silo.Address, "status", "--node");

        Assert.Equal(["Leader (term 3)"], run.OutLines);
    }

    // The table's cells between its vertical borders, trimmed; empty cells kept so "*" stays first.
    private static string[] Cells(string row) =>
        row.Split('│').Skip(1).SkipLast(1).Select(c => c.Trim()).ToArray();
}

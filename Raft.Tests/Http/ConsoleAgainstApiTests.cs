using Raft.Grains.Client;
using Raft.Tests.Client;

namespace Raft.Tests.Http;

// Proves the two sides of the HTTP contract agree: the real console (Raft.Client's ClientApp, in-process)
// against the real endpoints over the fake cluster client, for put, get, cas (match and mismatch), delete
// (present and missing), topics and messages, a not-leader redirect followed to the leader, and the
// exactly-once headers the console sends arriving as a request id.
public sealed class ConsoleAgainstApiTests : IAsyncLifetime
{
    private ApiHost _api = null!;

    public async ValueTask InitializeAsync() => _api = await ApiHost.StartAsync();

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    [Fact]
    public async Task KeyValueCommands_RoundTrip()
    {
        // Each run is a new console process: a new client id, so a new session (one log entry) before its write.
        Assert.Equal(["OK 2"], (await Console("put", "greeting", "hello world", "--ttl", "30")).OutLines);
        Assert.Equal(["hello world (version 2, expires 2026-11-22T10:00:00Z)"], (await Console("get", "greeting")).OutLines);
        Assert.Equal(["hello world (version 2, expires 2026-11-22T10:00:00Z)"], (await Console("get", "greeting", "--stale")).OutLines);
        Assert.Equal(["OK 4"], (await Console("cas", "greeting", "2", "bye")).OutLines);

        var mismatch = await Console("cas", "greeting", "2", "again");
        Assert.Equal(1, mismatch.ExitCode);
        Assert.StartsWith("ERR version-mismatch:", Assert.Single(mismatch.ErrLines), StringComparison.Ordinal);

        Assert.Equal(["OK deleted"], (await Console("delete", "greeting")).OutLines);
        Assert.Equal(["OK (no such key)"], (await Console("delete", "greeting")).OutLines);

        var missing = await Console("get", "greeting");
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("ERR not-found:", Assert.Single(missing.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyWithSlashAndSpaces_RoundTrips()
    {
        Assert.Equal(0, (await Console("put", "dir/file name", "v")).ExitCode);

        Assert.Equal(["v (version 2)"], (await Console("get", "dir/file name")).OutLines);
    }

    [Fact]
    public async Task QueueCommands_RoundTrip()
    {
        Assert.Equal(["OK"], (await Console("topic", "create", "orders")).OutLines);
        Assert.Equal(1, (await Console("topic", "create", "orders")).ExitCode);
        await Console("topic", "create", "audit");
        Assert.Equal(["orders", "audit"], (await Console("topic", "list")).OutLines);

        Assert.Equal(["OK"], (await Console("message", "put", "orders", "first")).OutLines);
        await Console("message", "put", "orders", "second");
        Assert.Equal(["first"], (await Console("message", "get", "orders")).OutLines);
        Assert.Equal(["second"], (await Console("message", "get", "orders")).OutLines);

        var empty = await Console("message", "get", "orders");
        Assert.Equal(1, empty.ExitCode);
        Assert.StartsWith("ERR no-message:", Assert.Single(empty.ErrLines), StringComparison.Ordinal);
        Assert.Equal(1, (await Console("message", "put", "nope", "m")).ExitCode);
    }

    [Fact]
    public async Task Writes_CarryTheConsolesRequestId()
    {
        await Console("put", "k", "v");
        await Console("message", "get", "t");

        Assert.All(_api.Cluster.Submissions, s => Assert.Equal(1, s.RequestId?.Sequence));
        Assert.Equal(2, _api.Cluster.Submissions.Select(s => s.RequestId?.ClientId).Distinct().Count());
    }

    [Fact]
    public async Task NotLeader_ConsoleFollowsTheLeaderAddress()
    {
        await using var follower = await ApiHost.StartAsync();
        follower.Cluster.Failure = CommandOutcome.NotLeader(_api.Address);

        var run = await ClientRun.RunAsync("--endpoints", follower.Address, "put", "k", "v");

        Assert.Equal(["OK 2"], run.OutLines);
        Assert.Single(follower.Cluster.Submissions);
        Assert.Single(_api.Cluster.Submissions);
    }

    [Fact]
    public async Task Status_RendersThePeers()
    {
        _api.Cluster.Status = new ClusterStatus(1, _api.Address, [new PeerView(1, "silo-1", _api.Address, "Leader", 4, 9, 9, 9, Reachable: true)]);

        var run = await Console("--json", "status");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("silo-1", run.Out, StringComparison.Ordinal);
    }

    private Task<ClientRun> Console(params string[] args) => ClientRun.RunAsync(["--endpoints", _api.Address, .. args]);
}

namespace Raft.Tests.Client;

// Proves endpoint failover and exactly-once retries: a dead endpoint (a closed port) is skipped for a live
// one; a 421 not-leader naming the leader is followed and later requests go straight there; a 503 moves
// on to the next silo; every attempt of one write carries the same Raft-Client-Id and
// Raft-Request-Sequence, sequences increase from write to write; a write whose reply was lost is retried
// elsewhere and applied once; nobody answering exits 3.
public sealed class FailoverTests
{
    [Fact]
    public async Task DeadEndpointFirst_FailsOverToLiveOne()
    {
        await using var live = await FakeRaftServer.StartAsync();

        var run = await ClientRun.RunAsync("--endpoints", $"{DeadEndpoint.Create()},{live.Address}", "put", "k", "v");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["OK 1"], run.OutLines);
        Assert.Single(live.Requests);
    }

    [Fact]
    public async Task AllEndpointsDead_Exit3WithOneLineNamingThem()
    {
        var first = DeadEndpoint.Create();
        var second = DeadEndpoint.Create();

        var run = await ClientRun.RunAsync("--endpoints", $"{first},{second}", "get", "k");

        Assert.Equal(3, run.ExitCode);
        var line = Assert.Single(run.ErrLines);
        Assert.StartsWith("ERR unreachable:", line, StringComparison.Ordinal);
        Assert.Contains(first, line, StringComparison.Ordinal);
        Assert.Contains(second, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotLeaderWithAddress_FollowsToLeader_ThenGoesStraightThere()
    {
        await using var leader = await FakeRaftServer.StartAsync();
        await using var follower = await FakeRaftServer.StartAsync(leader.State);
        follower.Mode = FakeSiloMode.Follower;
        follower.LeaderAddress = leader.Address;

        // Two commands in one session (a piped shell), so the second shows the client remembered the leader.
        var run = await ClientRun.RunWithInputAsync("put a 1\nput b 2\n", "--endpoints", follower.Address, "shell");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["OK 1", "OK 1"], run.OutLines);
        Assert.Single(follower.Requests);
        Assert.Equal(2, leader.Requests.Count);
    }

    [Fact]
    public async Task NotLeaderWithoutAddress_TriesNextEndpoint()
    {
        await using var leader = await FakeRaftServer.StartAsync();
        await using var follower = await FakeRaftServer.StartAsync(leader.State);
        follower.Mode = FakeSiloMode.Follower;

        var run = await ClientRun.RunAsync("--endpoints", $"{follower.Address},{leader.Address}", "put", "k", "v");

        Assert.Equal(0, run.ExitCode);
        Assert.Single(leader.Requests);
    }

    [Fact]
    public async Task RedirectIsFollowedOnlyOnce()
    {
        // Two followers naming each other: the client must not bounce between them forever.
        await using var a = await FakeRaftServer.StartAsync();
        await using var b = await FakeRaftServer.StartAsync(a.State);
        a.Mode = b.Mode = FakeSiloMode.Follower;
        a.LeaderAddress = b.Address;
        b.LeaderAddress = a.Address;

        var run = await ClientRun.RunAsync("--endpoints", a.Address, "put", "k", "v");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("ERR not-leader:", Assert.Single(run.ErrLines), StringComparison.Ordinal);
        Assert.Single(a.Requests);
        Assert.Single(b.Requests);
    }

    [Fact]
    public async Task RetriedWrite_CarriesSameClientIdAndSequence()
    {
        await using var leader = await FakeRaftServer.StartAsync();
        await using var unavailable = await FakeRaftServer.StartAsync(leader.State);
        unavailable.Mode = FakeSiloMode.Unavailable;

        var run = await ClientRun.RunAsync("--endpoints", $"{unavailable.Address},{leader.Address}", "put", "k", "v");

        Assert.Equal(0, run.ExitCode);
        var first = Assert.Single(unavailable.Requests);
        var retry = Assert.Single(leader.Requests);
        Assert.NotNull(first.ClientId);
        Assert.True(Guid.TryParse(first.ClientId, out _));
        Assert.Equal(first.ClientId, retry.ClientId);
        Assert.NotNull(first.Sequence);
        Assert.Equal(first.Sequence, retry.Sequence);
    }

    [Fact]
    public async Task SuccessiveWrites_HaveIncreasingSequences_ReadsCarryNone()
    {
        await using var leader = await FakeRaftServer.StartAsync();

        await ClientRun.RunWithInputAsync("put a 1\nget a\nput b 2\ndelete a\n", "--endpoints", leader.Address, "shell");

        var requests = leader.Requests.ToArray();
        var writes = requests.Where(r => r.Method != "GET").ToArray();
        Assert.Equal(3, writes.Length);
        Assert.Single(writes.Select(w => w.ClientId).Distinct());
        Assert.Equal([1L, 2L, 3L], writes.Select(w => w.Sequence!.Value));
        var read = Assert.Single(requests, r => r.Method == "GET");
        Assert.Null(read.ClientId);
        Assert.Null(read.Sequence);
    }

    [Fact]
    public async Task LostReply_RetriedElsewhere_AppliedOnce()
    {
        // The first silo applies the put and drops the connection before replying; the client retries the
        // same (client id, sequence) on the second silo, which shares the state and returns the recorded result.
        await using var dropping = await FakeRaftServer.StartAsync();
        await using var healthy = await FakeRaftServer.StartAsync(dropping.State);
        dropping.Mode = FakeSiloMode.ApplyThenDropConnection;

        var run = await ClientRun.RunAsync("--endpoints", $"{dropping.Address},{healthy.Address}", "put", "k", "v");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["OK 1"], run.OutLines);
        Assert.Equal(1, dropping.State.WritesApplied);
        Assert.Equal(Assert.Single(dropping.Requests).Sequence, Assert.Single(healthy.Requests).Sequence);
    }

    [Fact]
    public async Task EverySiloUnavailable_Exit3()
    {
        await using var a = await FakeRaftServer.StartAsync();
        await using var b = await FakeRaftServer.StartAsync(a.State);
        a.Mode = b.Mode = FakeSiloMode.Unavailable;

        var run = await ClientRun.RunAsync("--endpoints", $"{a.Address},{b.Address}", "get", "k");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("ERR unavailable:", Assert.Single(run.ErrLines), StringComparison.Ordinal);
        Assert.Single(a.Requests);
        Assert.Single(b.Requests);
    }

    [Fact]
    public async Task DefiniteRefusal_IsNotRetriedElsewhere()
    {
        await using var a = await FakeRaftServer.StartAsync();
        await using var b = await FakeRaftServer.StartAsync(a.State);

        var run = await ClientRun.RunAsync("--endpoints", $"{a.Address},{b.Address}", "get", "missing");

        Assert.Equal(1, run.ExitCode);
        Assert.Single(a.Requests);
        Assert.Empty(b.Requests);
    }
}

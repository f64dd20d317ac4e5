using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Integration;

/// <summary>
/// The client grain on real silos: any silo serves any request (forwarded to the leader), reads are
/// linearizable from every silo, compare-and-swap and the queue behave as the state machine says, and a
/// leader change in the middle is invisible to clients except as latency.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class ClientGrainTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static T Completed<T>(CommandOutcome outcome) where T : CommandResult
    {
        Assert.True(outcome.Status == OutcomeStatus.Completed, $"{outcome.Status}: {outcome.Detail}");
        return Assert.IsType<T>(outcome.Result);
    }

    [Fact]
    public async Task AnySilo_WritesAndReadsThroughTheLeader()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        await cluster.WaitForLeaderAsync();
        foreach (var silo in cluster.Silos)
        {
            var written = Completed<CommandResult.Written>(await silo.Client.SubmitAsync(new Operation.Put($"k-{silo.Name}", silo.Name), null, Token));
            Assert.True(written.Version > 0);
        }
        foreach (var reader in cluster.Silos)
        {
            foreach (var writer in cluster.Silos)
            {
                var value = Completed<CommandResult.Value>(await reader.Client.ReadAsync($"k-{writer.Name}", ReadConsistency.Linearizable, Token));
                Assert.Equal(writer.Name, value.Text);
            }
        }
    }

    [Fact]
    public async Task CompareAndSwap_AndQueue_BehaveAsTheStateMachineSays()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        var client = cluster.Silo(2).Client;
        var v1 = Completed<CommandResult.Written>(await client.SubmitAsync(new Operation.Put("x", "1"), null, Token)).Version;
        var mismatch = Completed<CommandResult.VersionMismatch>(await client.SubmitAsync(new Operation.Cas("x", v1 + 1000, "2"), null, Token));
        Assert.Equal(v1, mismatch.CurrentVersion);
        var v2 = Completed<CommandResult.Written>(await client.SubmitAsync(new Operation.Cas("x", v1, "2"), null, Token)).Version;
        Assert.True(v2 > v1);

        Completed<CommandResult.QueueSuccess>(await client.SubmitAsync(new Operation.CreateTopic("t"), null, Token));
        Completed<CommandResult.QueueFailure>(await client.SubmitAsync(new Operation.CreateTopic("t"), null, Token));
        Completed<CommandResult.QueueSuccess>(await client.SubmitAsync(new Operation.PutMessage("t", "m1"), null, Token));
        Completed<CommandResult.QueueSuccess>(await client.SubmitAsync(new Operation.PutMessage("t", "m2"), null, Token));
        Assert.Equal("m1", Completed<CommandResult.Message>(await cluster.Silo(0).Client.SubmitAsync(new Operation.GetMessage("t"), null, Token)).Text);
        Assert.Equal("m2", Completed<CommandResult.Message>(await cluster.Silo(1).Client.SubmitAsync(new Operation.GetMessage("t"), null, Token)).Text);
        Completed<CommandResult.QueueFailure>(await client.SubmitAsync(new Operation.GetMessage("t"), null, Token));
    }

    [Fact]
    public async Task LeaderKilled_WritesContinueThroughAnotherSilo_NothingAcknowledgedIsLost()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        var (leaderSilo, _) = await cluster.WaitForLeaderAsync();
        var survivor = cluster.Silos.First(s => s != leaderSilo);
        for (var i = 0; i < 5; i++) Completed<CommandResult.Written>(await survivor.Client.SubmitAsync(new Operation.Put($"a{i}", "v"), null, Token));

        await cluster.KillSiloAsync(leaderSilo);
        for (var i = 0; i < 5; i++) Completed<CommandResult.Written>(await survivor.Client.SubmitAsync(new Operation.Put($"b{i}", "v"), null, Token));
        for (var i = 0; i < 5; i++)
        {
            Completed<CommandResult.Value>(await survivor.Client.ReadAsync($"a{i}", ReadConsistency.Linearizable, Token));
            Completed<CommandResult.Value>(await survivor.Client.ReadAsync($"b{i}", ReadConsistency.Linearizable, Token));
        }
    }

    [Fact]
    public async Task RetriedRequest_SameClientIdAndSequence_AppliesOnce()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        var id = new ClientRequestId("client-a", 1);
        var first = Completed<CommandResult.QueueSuccess>(await cluster.Silo(0).Client.SubmitAsync(new Operation.CreateTopic("once"), null, Token));
        Assert.NotNull(first);
        Completed<CommandResult.QueueSuccess>(await cluster.Silo(0).Client.SubmitAsync(new Operation.PutMessage("once", "only"), id, Token));
        // The same request again, through another silo: the recorded result, not a second message.
        Completed<CommandResult.QueueSuccess>(await cluster.Silo(1).Client.SubmitAsync(new Operation.PutMessage("once", "only"), id, Token));
        Assert.Equal("only", Completed<CommandResult.Message>(await cluster.Silo(2).Client.SubmitAsync(new Operation.GetMessage("once"), null, Token)).Text);
        Completed<CommandResult.QueueFailure>(await cluster.Silo(2).Client.SubmitAsync(new Operation.GetMessage("once"), null, Token));
    }

    [Fact]
    public async Task ForwardingOff_FollowerSiloAnswersNotLeaderWithTheLeadersAddress()
    {
        var options = new Raft.TestCluster.TestClusterOptions { Settings = new Dictionary<string, string?> { ["Raft:Client:ForwardToLeader"] = "false" } };
        await using var cluster = await ClusterFixture.StartAsync(3, options: options);
        var (leaderSilo, _) = await cluster.WaitForLeaderAsync();
        var follower = cluster.Silos.First(s => s != leaderSilo);
        var outcome = await follower.Client.SubmitAsync(new Operation.Put("k", "v"), null, Token);
        Assert.Equal(OutcomeStatus.NotLeader, outcome.Status);
        Assert.Equal(leaderSilo.ClientUrl, outcome.LeaderAddress);
        Completed<CommandResult.Written>(await leaderSilo.Client.SubmitAsync(new Operation.Put("k", "v"), null, Token));
    }
}

using System.Text;
using Raft.Core.Node;
using Raft.Grains;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;
using Raft.TestCluster;

namespace Raft.Tests.Integration;

/// <summary>
/// Real silos under network faults: a minority partition cannot commit and its clients time out cleanly
/// while the majority goes on, and all converge after healing; a leader cut off with entries nobody else
/// has comes back and has them replaced; every peer applies the same commands in the same order; a silo
/// added later serves clients; stopping every silo keeps every key.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class FaultToleranceTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static TestClusterOptions QuickTimeouts => new()
    {
        Settings = new Dictionary<string, string?> { ["Raft:Client:RequestTimeoutMs"] = "2000" },
    };

    private static CommandResult Completed(CommandOutcome outcome)
    {
        Assert.True(outcome.Status == OutcomeStatus.Completed, $"{outcome.Status}: {outcome.Detail}");
        return outcome.Result!;
    }

    [Theory]
    [InlineData(ClusterFixture.Sqlite)]
    [InlineData(ClusterFixture.Postgres)]
    public async Task MinorityPartition_CannotCommit_MajorityGoesOn_AllConvergeAfterHealing(string storage)
    {
        await using var cluster = await ClusterFixture.StartAsync(5, storage, QuickTimeouts);
        var (leader, _) = await cluster.WaitForLeaderAsync();
        Completed(await leader.Client.SubmitAsync(new Operation.Put("before", "1"), null, Token));

        var minority = new[] { leader, cluster.Silos.First(s => s != leader) };
        var majority = cluster.Silos.Except(minority).ToArray();
        cluster.Partition(minority, majority);

        var stuck = await minority[1].Client.SubmitAsync(new Operation.Put("minority", "x"), null, Token);
        Assert.True(stuck.Status is OutcomeStatus.Timeout or OutcomeStatus.Unavailable, $"a minority client got {stuck.Status}");
        Completed(await majority[0].Client.SubmitAsync(new Operation.Put("majority", "y"), null, Token));
        var (newLeader, newStatus) = await cluster.WaitForLeaderAsync(majority);

        cluster.Heal();
        await cluster.WaitForAppliedAsync(newStatus.Commit);
        foreach (var silo in cluster.Silos)
        {
            var value = Assert.IsType<CommandResult.Value>(Completed(await silo.Client.ReadAsync("majority", ReadConsistency.Linearizable, Token)));
            Assert.Equal("y", value.Text);
        }
        Assert.Contains(newLeader, majority);
    }

    [Fact]
    public async Task LeaderCutOffWithUncommittedEntries_RejoinsAndItsDivergentLogIsRepaired()
    {
        await using var cluster = await ClusterFixture.StartAsync(3, options: QuickTimeouts);
        var (oldLeader, oldStatus) = await cluster.WaitForLeaderAsync();
        cluster.Isolate(oldLeader);
        // Entries only the cut-off leader will ever hold: their proposals can never commit.
        using var abandon = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var doomed = Enumerable.Range(0, 3).Select(i => oldLeader.Grains.GetRaftPeer(oldStatus.Id).ProposeAsync(CommandCodec.Encode(new Command(1, i + 1, 0, new Operation.Put("doomed", $"doomed-{i}"))), abandon.Token)).ToArray();

        var rest = cluster.Silos.Where(s => s != oldLeader).ToArray();
        for (var i = 0; i < 5; i++) Completed(await rest[0].Client.SubmitAsync(new Operation.Put($"k{i}", "majority"), null, Token));
        var (_, leaderStatus) = await cluster.WaitForLeaderAsync(rest);
        var isolatedLog = (await oldLeader.PeerStatusesAsync(Token))[0];
        Assert.True(isolatedLog.LastIndex > oldStatus.LastIndex, "the cut-off leader appended nothing of its own");

        cluster.Heal();
        await cluster.WaitUntilAsync(async () =>
        {
            var statuses = (await cluster.StatusesAsync()).Select(s => s.Status).ToArray();
            return statuses.All(s => s.LastTerm == statuses[0].LastTerm && s.LastIndex == statuses[0].LastIndex && s.Applied == s.LastIndex);
        }, "every log equal to the leader's");
        foreach (var task in doomed)
        {
            try
            {
                var reply = await task;
                Assert.False(reply.IsApplied, $"a proposal to the cut-off leader applied: {reply}");
            }
            catch (OperationCanceledException)
            {
                // Abandoned by the caller, as intended.
            }
        }
        for (var i = 0; i < 5; i++)
        {
            var value = Assert.IsType<CommandResult.Value>(Completed(await oldLeader.Client.ReadAsync($"k{i}", ReadConsistency.Stale, Token)));
            Assert.Equal("majority", value.Text);
        }
        Assert.True((await cluster.StatusesAsync()).All(s => s.Status.Term >= leaderStatus.Term));
    }

    [Fact]
    public async Task ConcurrentCommandsFromEverySilo_EveryPeerEndsInTheSameState()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        await cluster.WaitForLeaderAsync();
        await Task.WhenAll(cluster.Silos.Select(async silo =>
        {
            for (var i = 0; i < 15; i++)
                Completed(await silo.Client.SubmitAsync(new Operation.Put($"k{i % 5}", $"{silo.Name}-{i}"), null, Token));
        }));
        var (_, leader) = await cluster.WaitForLeaderAsync();
        await cluster.WaitForAppliedAsync(leader.Commit);

        for (var k = 0; k < 5; k++)
        {
            var answers = new List<CommandResult.Value>();
            foreach (var silo in cluster.Silos)
                answers.Add(Assert.IsType<CommandResult.Value>(Completed(await silo.Client.ReadAsync($"k{k}", ReadConsistency.Stale, Token))));
            Assert.All(answers, a => Assert.Equal(answers[0], a));
        }
    }

    [Fact]
    public async Task UnreliableNetwork_LossDelayAndReordering_CommandsStillCommit_AndPeersAgree()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        await cluster.WaitForLeaderAsync();
        cluster.SetDropRate(0.1);
        cluster.SetDelay(TimeSpan.FromMilliseconds(2), jitter: TimeSpan.FromMilliseconds(20));
        for (var i = 0; i < 20; i++) Completed(await cluster.Silo(i % 3).Client.SubmitAsync(new Operation.Put($"k{i % 4}", $"v{i}"), null, Token));
        cluster.Heal();
        var (_, leader) = await cluster.WaitForLeaderAsync();
        await cluster.WaitForAppliedAsync(leader.Commit);
        for (var k = 0; k < 4; k++)
        {
            var answers = new List<CommandResult>();
            foreach (var silo in cluster.Silos) answers.Add(Completed(await silo.Client.ReadAsync($"k{k}", ReadConsistency.Stale, Token)));
            Assert.All(answers, a => Assert.Equal(answers[0], a));
        }
    }

    [Fact]
    public async Task AdditionalSilo_HostsNoPeer_ButServesClients()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        await cluster.WaitForLeaderAsync();
        var extra = await cluster.StartAdditionalSiloAsync();
        Assert.Empty(extra.PeerIds);
        var written = Assert.IsType<CommandResult.Written>(Completed(await extra.Client.SubmitAsync(new Operation.Put("via-extra", "v"), null, Token)));
        var read = Assert.IsType<CommandResult.Value>(Completed(await cluster.Silo(0).Client.ReadAsync("via-extra", ReadConsistency.Linearizable, Token)));
        Assert.Equal(written.Version, read.Version);
        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(extra.ClientUrl + "/status", Token)).StatusCode);
    }

    [Theory]
    [InlineData(ClusterFixture.Sqlite)]
    [InlineData(ClusterFixture.Postgres)]
    public async Task StopAndRestartEverySilo_KeepsEveryKey(string storage)
    {
        await using var cluster = await ClusterFixture.StartAsync(3, storage);
        await cluster.WaitForLeaderAsync();
        for (var i = 0; i < 10; i++) Completed(await cluster.Silo(i % 3).Client.SubmitAsync(new Operation.Put($"k{i}", $"v{i}"), null, Token));
        foreach (var silo in cluster.Silos) await cluster.StopSiloAsync(silo);
        foreach (var silo in cluster.Silos) await cluster.RestartSiloAsync(silo);
        for (var i = 0; i < 10; i++)
        {
            var value = Assert.IsType<CommandResult.Value>(Completed(await cluster.Silo(2).Client.ReadAsync($"k{i}", ReadConsistency.Linearizable, Token)));
            Assert.Equal($"v{i}", value.Text);
        }
    }
}

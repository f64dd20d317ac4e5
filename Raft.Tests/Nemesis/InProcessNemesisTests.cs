using Raft.Core.Node;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;
using Raft.Tests.Integration;
using Raft.TestCluster;

namespace Raft.Tests.Nemesis;

/// <summary>
/// Jepsen-style, on in-process silos: clients on every silo run put, get and compare-and-swap for a bounded
/// time while a seeded nemesis kills, restarts, partitions and heals silos. Afterwards the history must be
/// linearizable per key, every acknowledged message dequeued exactly once, and nothing applied twice. A
/// failure names the seed and the smallest failing sub-history.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class InProcessNemesisTests
{
    [Theory]
    [InlineData(20261122UL)]
    public async Task Nemesis_KillsRestartsPartitions_HistoryStaysLinearizable(ulong seed)
    {
        var token = TestContext.Current.CancellationToken;
        var options = new TestClusterOptions
        {
            Settings = new Dictionary<string, string?> { ["Raft:Client:RequestTimeoutMs"] = "3000" },
        };
        await using var cluster = await ClusterFixture.StartAsync(5, options: options);
        await cluster.WaitForLeaderAsync();
        Assert.Equal(OutcomeStatus.Completed, (await cluster.Silo(0).Client.SubmitAsync(new Operation.CreateTopic(KvWorkload.Topic), null, token)).Status);

        var workload = new KvWorkload(clients: 5, keys: 3, seed);
        var random = new DeterministicRandom(seed);
        IKvClient DoorFor(int client)
        {
            var running = cluster.RunningSilos.ToArray();
            return new GrainKvClient(running[(client + random.Next(running.Length)) % running.Length].Client);
        }

        var load = workload.RunAsync(DoorFor, TimeSpan.FromSeconds(12), token);
        var actions = await NemesisLoop.RunAsync(load, random, 500, 1500, () => ActAsync(cluster, random), token);

        cluster.Heal();
        foreach (var silo in cluster.Silos.Where(s => !s.IsRunning)) await cluster.RestartSiloAsync(silo);
        await cluster.WaitForLeaderAsync();
        await workload.ReadAllAsync(new GrainKvClient(cluster.Silo(0).Client), token);
        var drained = new List<string>();
        while ((await cluster.Silo(1).Client.SubmitAsync(new Operation.GetMessage(KvWorkload.Topic), null, token)).Result is CommandResult.Message message)
            drained.Add(message.Text);

        var verdict = workload.Verify(drained);
        Assert.True(verdict is null, $"seed {seed}: {verdict}\nnemesis: {string.Join("; ", actions)}");
        Assert.True(workload.Acknowledged > 20, $"seed {seed}: only {workload.Acknowledged} writes were acknowledged; nemesis: {string.Join("; ", actions)}");
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed}: {workload.History.Count} operations, {workload.Acknowledged} acknowledged writes, {workload.Unknown} unknown, {drained.Count} messages; nemesis: {string.Join("; ", actions)}");
    }

    private static async Task<string> ActAsync(Raft.TestCluster.TestCluster cluster, DeterministicRandom random)
    {
        var up = cluster.RunningSilos.ToArray();
        var down = cluster.Silos.Where(s => !s.IsRunning).ToArray();
        switch (random.Next(5))
        {
            case 0 when up.Length > 3:
                var victim = up[random.Next(up.Length)];
                await cluster.KillSiloAsync(victim);
                return $"kill {victim.Name}";
            case 1 when down.Length > 0:
                var back = down[random.Next(down.Length)];
                await cluster.RestartSiloAsync(back);
                return $"restart {back.Name}";
            case 2:
                var shuffled = cluster.Silos.OrderBy(_ => random.Next(1000)).ToArray();
                var minority = shuffled.Take(random.Next(1, 3)).ToArray();
                cluster.Heal();
                cluster.Partition(minority, shuffled.Except(minority));
                return $"partition [{string.Join(",", minority.Select(s => s.Name))}]";
            case 3:
                var leader = await cluster.GetLeaderAsync();
                if (leader is null) return "no leader to isolate";
                cluster.Heal();
                cluster.Isolate(leader.Value.Silo);
                return $"isolate leader {leader.Value.Silo.Name}";
            default:
                cluster.Heal();
                return "heal";
        }
    }
}

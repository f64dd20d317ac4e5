using System.Text;
using Raft.Core.Node;
using Raft.Simulator.Cluster;

namespace Raft.Tests.Simulation;

/// <summary>
/// Agreement through loss, delay and reordering, and churn (6.824's 2C unreliable and churn tests): while
/// clients propose, peers crash, restart and drop off the network; at the end every command a leader
/// acknowledged (applied at the index it was given) is in the one committed log.
/// </summary>
public sealed class UnreliableScenarioTests
{
    [Fact]
    public void UnreliableAgree_ConcurrentProposalsThroughALossyNetwork_AllAgree()
    {
        var cluster = Scenario.Start(5, network: NetworkOptions.Unreliable);
        for (var iteration = 1; iteration < 30; iteration++)
        {
            for (var j = 0; j < 4; j++)
            {
                foreach (var id in cluster.Ids) cluster.Propose(id, Scenario.Cmd(100 * iteration + j));
            }
            cluster.One(iteration, 1);
        }
        cluster.Network.Options = NetworkOptions.Reliable;
        cluster.One(100, 5);
    }

    [Theory]
    [InlineData(11UL, false)]
    [InlineData(12UL, false)]
    [InlineData(13UL, true)]
    [InlineData(14UL, true)]
    public void Churn_ClientsKeepProposing_AcknowledgedCommandsAllSurvive(ulong seed, bool unreliable)
    {
        var cluster = Scenario.Start(5, seed, network: unreliable ? NetworkOptions.Unreliable : null);
        var random = new DeterministicRandom(seed);
        var proposed = new List<(long Index, long Term, byte[] Command)>();
        var sequence = 0;

        for (var step = 0; step < 200; step++)
        {
            // Three clients each try every peer until one leads.
            for (var client = 0; client < 3; client++)
            {
                var command = Encoding.UTF8.GetBytes($"client{client}-{sequence++}");
                foreach (var id in cluster.Ids)
                {
                    if (cluster.Propose(id, command) is { IsAccepted: true } accepted)
                    {
                        proposed.Add((accepted.Index, accepted.Term, command));
                        break;
                    }
                }
            }
            var victim = 1 + random.Next(5);
            switch (random.Next(10))
            {
                case 0: cluster.Crash(victim); break;
                case 1: cluster.Restart(victim); break;
                case 2: cluster.Disconnect(victim); break;
                case 3: cluster.Connect(victim); break;
            }
            if (cluster.Peers.Count(p => p.Alive && cluster.IsConnected(p.Id)) < 3)
            {
                foreach (var id in cluster.Ids)
                {
                    cluster.Restart(id);
                    cluster.Connect(id);
                }
            }
            cluster.RunFor(random.Next(5, 50));
            Scenario.AssertSafe(cluster);
        }

        foreach (var id in cluster.Ids)
        {
            cluster.Restart(id);
            cluster.Connect(id);
        }
        cluster.Network.Options = NetworkOptions.Reliable;
        var last = cluster.One("final", 5);

        // Every proposal that made it into the committed log did so at the index and term it was given,
        // and at least some did: churn must not stop progress altogether.
        var committed = cluster.Checker.Committed;
        var survived = 0;
        foreach (var (index, term, command) in proposed)
        {
            if (index > committed.Count) continue;
            var entry = committed[(int)index - 1];
            if (entry.Term != term) continue;
            Assert.Equal(command, entry.Data.ToArray());
            survived++;
        }
        Assert.True(survived > 0, $"no proposal survived churn; {cluster.Describe()}");
        Assert.True(cluster.AppliedAt(last).Count == 5);
    }
}

using Raft.Core.Node;
using Raft.Core.Messages;

namespace Raft.Tests.Simulation;

/// <summary>
/// Leader election as the 6.824 lab tests it (2A), on the simulator: one leader emerges, survives while
/// healthy, is replaced when cut off, and no leader emerges without a quorum.
/// </summary>
public sealed class ElectionScenarioTests
{
    [Fact]
    public void InitialElection_OneLeader_TermStableWithoutFailures()
    {
        var cluster = Scenario.Start(3);
        var leader = cluster.CheckOneLeader();
        var term = cluster.Peer(leader).Node!.Term;
        Assert.True(term >= 1);

        cluster.RunFor(Scenario.ElectionWindowMs * 2);
        Assert.Equal(term, cluster.Peer(leader).Node!.Term);
        Assert.Equal(leader, cluster.CheckOneLeader());
    }

    [Fact]
    public void ReElection_LeaderCutOff_NewLeader_NoQuorum_NoLeader()
    {
        var cluster = Scenario.Start(3);
        var leader1 = cluster.CheckOneLeader();

        cluster.Disconnect(leader1);
        var others = cluster.Ids.Where(id => id != leader1).ToArray();
        var leader2 = cluster.CheckOneLeader(others);
        Assert.NotEqual(leader1, leader2);

        // The old leader rejoins: it must not disturb the new one.
        cluster.Connect(leader1);
        Assert.Equal(leader2, cluster.CheckOneLeader());

        // No quorum, no leader.
        cluster.Disconnect(leader2);
        var third = cluster.Other(leader2);
        cluster.Disconnect(third);
        var last = cluster.Other(leader2, third);
        cluster.CheckNoLeader([last]);

        cluster.Connect(third);
        cluster.CheckOneLeader([third, last]);
        cluster.Connect(leader2);
        cluster.CheckOneLeader();
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void ManyElections_ThreeOfSevenCutOff_LeaderAmongTheRest(ulong seed)
    {
        var cluster = Scenario.Start(7, seed);
        cluster.CheckOneLeader();
        var random = new DeterministicRandom(seed);
        for (var iteration = 0; iteration < 10; iteration++)
        {
            var cut = cluster.Ids.OrderBy(_ => random.Next(1000)).Take(3).ToArray();
            foreach (var id in cut) cluster.Disconnect(id);
            cluster.CheckOneLeader(cluster.Ids.Except(cut).ToArray());
            foreach (var id in cut) cluster.Connect(id);
        }
        cluster.CheckOneLeader();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Election_EveryClusterSize_ElectsOneLeaderWithNoOp(int peers)
    {
        var cluster = Scenario.Start(peers);
        var leader = cluster.CheckOneLeader();
        var node = cluster.Peer(leader).Node!;
        // Raft §8: the new leader's first entry of its term is a no-op.
        Assert.Equal(node.Term, node.LastTerm);
        Assert.Equal(EntryType.NoOp, node.EntryAt(node.LastIndex).Type);
    }
}

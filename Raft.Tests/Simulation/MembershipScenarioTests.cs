using Raft.Core.Members;
using Raft.Core.Node;
using Raft.Core.Snapshots;
using Raft.Simulator.Cluster;

namespace Raft.Tests.Simulation;

/// <summary>
/// Membership changes and leadership transfer on the simulator: a group grows from 3 to 5 through learners
/// while writes go on, shrinks back (its leader too), and hands leadership over on request; the checker
/// watches every event, including that no two peers lead one term across the memberships.
/// </summary>
public sealed class MembershipScenarioTests
{
    private static MembershipChangeResult Change(SimCluster cluster, MembershipChangeKind kind, int peer)
    {
        // A leader refuses while an earlier change is pending or its term has committed nothing yet: retry.
        MembershipChangeResult result = default;
        Assert.True(cluster.RunUntil(() =>
        {
            var leader = cluster.WaitForLeader(2000);
            if (leader == 0) return false;
            result = cluster.ChangeMembership(leader, new MembershipChange(kind, peer)) ?? default;
            return result.IsAccepted;
        }, 10_000), $"{kind} {peer}: {result.Outcome}; {cluster.Describe()}");
        Assert.True(cluster.RunUntil(() => cluster.Checker.Committed.Count >= result.Index, 5000), cluster.Describe());
        return result;
    }

    [Fact]
    public void GroupGrowsFrom3To5ThroughLearners_AndShrinksBack_WhileWritesGoOn()
    {
        var cluster = new SimCluster(5, seed: 21, snapshots: new SnapshotPolicy { EntriesThreshold = 30, TrailingEntries = 5 }, initialVoters: 3);
        cluster.CheckOneLeader();
        for (var i = 0; i < 40; i++) cluster.One($"a{i}=1", 3);
        Assert.Equal(0, cluster.Peer(4).LastApplied);

        foreach (var joiner in new[] { 4, 5 })
        {
            Change(cluster, MembershipChangeKind.AddLearner, joiner);
            cluster.One($"learner{joiner}=1", 4);
            Assert.True(cluster.RunUntil(() => cluster.Peer(joiner).LastApplied >= cluster.Checker.Committed.Count, 5000), cluster.Describe());
            Change(cluster, MembershipChangeKind.Promote, joiner);
            cluster.One($"voter{joiner}=1", 3);
        }
        Assert.Equal(Membership.Of([1, 2, 3, 4, 5]), cluster.Checker.CommittedMembership);
        // Five voters: two may be lost.
        cluster.Disconnect(1);
        cluster.Disconnect(2);
        cluster.One("two-down=1", 3);
        cluster.Connect(1);
        cluster.Connect(2);

        // Shrink back, removing the leader's own peer among them.
        var leader = cluster.CheckOneLeader();
        Change(cluster, MembershipChangeKind.Remove, leader);
        Assert.True(cluster.RunUntil(() => cluster.Leaders().Any(l => l.Id != leader), 5000), cluster.Describe());
        Assert.NotEqual(RaftRole.Leader, cluster.Peer(leader).Node!.Role);
        var removeNext = cluster.Checker.CommittedMembership.Voters.First(v => v != cluster.CheckOneLeader());
        Change(cluster, MembershipChangeKind.Remove, removeNext);
        Assert.Equal(3, cluster.Checker.CommittedMembership.Voters.Count);
        cluster.One("back-to-three=1", 2);
        Scenario.AssertSafe(cluster);
    }

    [Fact]
    public void RemovedPeer_DoesNotDisruptTheGroup()
    {
        var cluster = new SimCluster(3, seed: 23);
        var leader = cluster.CheckOneLeader();
        var removed = cluster.Other(leader);
        Change(cluster, MembershipChangeKind.Remove, removed);
        var term = cluster.Peer(leader).Node!.Term;
        // Cut off from the leader, the removed peer would campaign if it still thought it voted.
        cluster.Disconnect(removed);
        cluster.RunFor(3000);
        cluster.Connect(removed);
        cluster.RunFor(1000);
        Assert.Equal(term, cluster.Peer(leader).Node!.Term);
        Assert.Equal(RaftRole.Leader, cluster.Peer(leader).Node!.Role);
        Scenario.AssertSafe(cluster);
    }

    [Fact]
    public void LeadershipTransfer_MovesTheLeaderToTheTarget()
    {
        var cluster = new SimCluster(3, seed: 25);
        var leader = cluster.CheckOneLeader();
        cluster.One("x=1", 3);
        var target = cluster.Other(leader);
        Assert.Equal(TransferOutcome.Accepted, cluster.TransferLeadership(leader, target));
        var start = cluster.NowMs;
        Assert.True(cluster.RunUntil(() => cluster.Leaders().Any(l => l.Id == target), 1000), cluster.Describe());
        // TimeoutNow skips the election timeout: the handover takes round trips, not an election.
        Assert.True(cluster.NowMs - start < 100, $"the transfer took {cluster.NowMs - start} virtual ms");
        cluster.One("y=1", 3);
        Scenario.AssertSafe(cluster);
    }
}

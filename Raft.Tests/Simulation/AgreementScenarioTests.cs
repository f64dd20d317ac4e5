using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Simulator.Cluster;

namespace Raft.Tests.Simulation;

/// <summary>
/// Log replication as the 6.824 lab tests it (2B), on the simulator: agreement with and without
/// failures, no commitment without a quorum, concurrent proposals, rejoining and far-behind followers,
/// and the number of messages an agreement costs.
/// </summary>
public sealed class AgreementScenarioTests
{
    [Fact]
    public void BasicAgree_EachCommandCommitsAtTheNextIndex()
    {
        var cluster = Scenario.Start(3);
        cluster.CheckOneLeader();
        var first = cluster.One(100, 3);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(0, cluster.AppliedAt(first + i).Count);
            Assert.Equal(first + i, cluster.One(100 + i, 3));
        }
    }

    [Fact]
    public void RpcCount_AgreementAndIdleCostFewMessages()
    {
        var cluster = Scenario.Start(3);
        var sentBefore = cluster.Network.Sent;
        var leader = cluster.CheckOneLeader();
        var electionMessages = cluster.Network.Sent - sentBefore;
        Assert.InRange(electionMessages, 1, 60);

        // Ten commands proposed together travel in a handful of Appends, not one round per command.
        var appendsBefore = cluster.Network.SentOf(MessageType.Append);
        long last = 0;
        for (var i = 0; i < 10; i++) last = cluster.Propose(leader, Scenario.Cmd(i))!.Value.Index;
        Assert.True(cluster.RunUntil(() => cluster.AppliedAt(last).Count == 3, 1000), cluster.Describe());
        var appends = cluster.Network.SentOf(MessageType.Append) - appendsBefore;
        Assert.InRange(appends, 2, 2 * 10);

        // Idle: heartbeats only, two per follower per tick at most (request and response).
        var idleBefore = cluster.Network.Sent;
        cluster.RunFor(1000);
        var idle = cluster.Network.Sent - idleBefore;
        Assert.InRange(idle, 1, 2 * 2 * (1000 / cluster.TickMs) + 4);
    }

    [Fact]
    public void FailAgree_FollowerCutOff_RestAgree_FollowerCatchesUp()
    {
        var cluster = Scenario.Start(3);
        cluster.One(101, 3);
        var leader = cluster.CheckOneLeader();
        var follower = cluster.Other(leader);
        cluster.Disconnect(follower);
        for (var c = 102; c <= 105; c++) cluster.One(c, 2);
        cluster.Connect(follower);
        cluster.One(106, 3);
        cluster.One(107, 3);
    }

    [Fact]
    public void FailNoAgree_MajorityCutOff_NothingCommits_ThenRecovers()
    {
        var cluster = Scenario.Start(5);
        cluster.One(10, 5);
        var leader = cluster.CheckOneLeader();
        var cut = cluster.Ids.Where(id => id != leader).Take(3).ToArray();
        foreach (var id in cut) cluster.Disconnect(id);

        var proposal = cluster.Propose(leader, Scenario.Cmd(20))!.Value;
        Assert.True(proposal.IsAccepted);
        cluster.RunFor(2 * Scenario.ElectionWindowMs);
        Assert.Equal(0, cluster.AppliedAt(proposal.Index).Count);
        Scenario.AssertSafe(cluster);

        foreach (var id in cut) cluster.Connect(id);
        cluster.CheckOneLeader();
        cluster.One(1000, 5);
    }

    [Fact]
    public void ConcurrentStarts_AllCommitInProposalOrder()
    {
        var cluster = Scenario.Start(3);
        var leader = cluster.CheckOneLeader();
        var indexes = Enumerable.Range(0, 5).Select(i => cluster.Propose(leader, Scenario.Cmd(i))!.Value.Index).ToArray();
        Assert.Equal(indexes.Order(), indexes);
        Assert.True(cluster.RunUntil(() => indexes.All(i => cluster.AppliedAt(i).Count == 3), 2000), cluster.Describe());
        for (var i = 0; i < 5; i++) Assert.Equal(Scenario.Cmd(i), cluster.AppliedAt(indexes[i]).Entry!.Value.Data.ToArray());
    }

    [Fact]
    public void Rejoin_PartitionedLeaderWithUncommittedEntries_IsRepaired()
    {
        var cluster = Scenario.Start(3);
        cluster.One(101, 3);
        var leader1 = cluster.CheckOneLeader();
        cluster.Disconnect(leader1);
        foreach (var c in new[] { 102, 103, 104 }) cluster.Propose(leader1, Scenario.Cmd(c));

        cluster.One(103, 2);
        var leader2 = cluster.CheckOneLeader(cluster.Ids.Where(id => id != leader1).ToArray());
        cluster.Disconnect(leader2);
        cluster.Connect(leader1);
        cluster.One(104, 2);
        cluster.Connect(leader2);
        cluster.One(105, 3);
    }

    [Fact]
    public void Backup_FarBehindFollowersWithDivergentEntries_CatchUpInFewRoundTrips()
    {
        var cluster = Scenario.Start(5, config: new RaftConfig { Id = 1, Peers = [1], MaxEntriesPerMessage = 64 });
        cluster.One(0, 5);
        var leader1 = cluster.CheckOneLeader();
        var partner = cluster.Other(leader1);
        var rest = cluster.Ids.Except([leader1, partner]).ToArray();

        // Leader and one follower, cut off, collect 50 entries that will never commit.
        foreach (var id in rest) cluster.Disconnect(id);
        for (var i = 0; i < 50; i++) cluster.Propose(leader1, Scenario.Cmd($"lost-a{i}"));
        cluster.RunFor(Scenario.ElectionWindowMs / 2);
        cluster.Disconnect(leader1);
        cluster.Disconnect(partner);

        // The other three commit 50 entries.
        foreach (var id in rest) cluster.Connect(id);
        for (var i = 0; i < 50; i++) cluster.One($"b{i}", 3);

        // Their leader and one more, cut off, collect 50 more that will never commit.
        var leader2 = cluster.CheckOneLeader(rest);
        var other = rest.First(id => id != leader2);
        cluster.Disconnect(other);
        for (var i = 0; i < 50; i++) cluster.Propose(leader2, Scenario.Cmd($"lost-c{i}"));
        cluster.RunFor(Scenario.ElectionWindowMs / 2);

        // The first pair and the one cut off last form a majority and must catch up and agree.
        foreach (var id in cluster.Ids) cluster.Disconnect(id);
        var rejectsBefore = cluster.CountRejectedAppends();
        foreach (var id in new[] { leader1, partner, other }) cluster.Connect(id);
        for (var i = 0; i < 50; i++) cluster.One($"d{i}", 3);

        foreach (var id in cluster.Ids) cluster.Connect(id);
        cluster.One("last", 5);
        // Backing up a whole term per rejection: a few rejections per follower, not one per divergent entry.
        Assert.InRange(cluster.CountRejectedAppends() - rejectsBefore, 0, 40);
    }

    [Fact]
    public void Count_CommitIndexNeverPassesTheLog_AndFollowersApplyAllInOrder()
    {
        var cluster = Scenario.Start(3, network: NetworkOptions.Unreliable);
        for (var i = 0; i < 30; i++) cluster.One(i, 3);
        foreach (var peer in cluster.Peers)
        {
            var node = peer.Node!;
            Assert.True(node.CommitIndex <= node.LastIndex);
            Assert.Equal(Enumerable.Range(1, peer.Applied.Count).Select(i => (long)i), peer.Applied.Select(e => e.Index));
        }
    }
}

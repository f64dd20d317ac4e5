using Raft.Core.Node;

namespace Raft.Tests.Simulation;

/// <summary>
/// PreVote keeps a peer returning from a partition from deposing a healthy leader; CheckQuorum makes a
/// leader that lost its majority step down. Each test runs the feature on and off to show the difference.
/// </summary>
public sealed class PreVoteAndCheckQuorumTests
{
    private static RaftConfig Config(bool preVote, bool checkQuorum) =>
        new() { Id = 1, Peers = [1], PreVote = preVote, CheckQuorum = checkQuorum };

    [Theory]
    [InlineData(true, 0)]
    [InlineData(false, 1)]
    public void PreVote_IsolatedFollowerRejoins_LeaderKeepsItsTerm(bool preVote, int deposed)
    {
        var cluster = Scenario.Start(3, config: Config(preVote, checkQuorum: false));
        var leader = cluster.CheckOneLeader();
        var term = cluster.Peer(leader).Node!.Term;
        var follower = cluster.Other(leader);

        cluster.Disconnect(follower);
        cluster.RunFor(Scenario.ElectionWindowMs * 3);
        // Without PreVote the isolated follower has been raising its term all along.
        Assert.Equal(preVote, cluster.Peer(follower).Node!.Term == term);

        cluster.Connect(follower);
        cluster.RunFor(Scenario.ElectionWindowMs);
        var newLeader = cluster.CheckOneLeader();
        var newTerm = cluster.Peer(newLeader).Node!.Term;
        Assert.Equal(deposed == 0, newTerm == term && newLeader == leader);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void CheckQuorum_LeaderCutOffFromMajority_StepsDown(bool checkQuorum)
    {
        var cluster = Scenario.Start(5, config: Config(preVote: true, checkQuorum));
        var leader = cluster.CheckOneLeader();
        cluster.Disconnect(leader);
        cluster.RunFor(Scenario.ElectionWindowMs);
        Assert.Equal(!checkQuorum, cluster.Peer(leader).Node!.Role == RaftRole.Leader);
    }

    [Fact]
    public void CheckQuorum_FollowersIgnoreVotesWhileTheyHearALeader()
    {
        var cluster = Scenario.Start(3, config: Config(preVote: false, checkQuorum: true));
        var leader = cluster.CheckOneLeader();
        var term = cluster.Peer(leader).Node!.Term;
        var follower = cluster.Other(leader);

        // Cut only the leader's link to one follower; that follower campaigns at ever higher terms, but the
        // other follower still hears the leader and ignores the requests.
        cluster.Network.Cut(leader, follower);
        cluster.RunFor(Scenario.ElectionWindowMs * 2);
        Assert.True(cluster.CountOf(StepOutcome.IgnoredInLease) > 0);
        Scenario.AssertSafe(cluster);
        cluster.HealNetwork();
        cluster.CheckOneLeader();
        Assert.True(cluster.Peer(leader).Node!.Term >= term);
    }
}

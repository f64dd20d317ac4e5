using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Tests.Core;

/// <summary>
/// A leader's appends may leave before its own write (dissertation §10.2.1), because its own log counts
/// toward a commit only once it is stable: a quorum is always of durable copies. Nothing that promises
/// something about this peer's disk (a vote request after a new term, an acknowledgement) goes early.
/// </summary>
public sealed class EarlyAppendTests
{
    private static Ready ProposeAndTakeReady(NodeHarness leader)
    {
        Assert.True(leader.Node.Propose(new byte[] { 7 }).IsAccepted);
        return leader.Node.GetReady();
    }

    [Fact]
    public void LeadersReady_CarriesItsAppendsAsEarlyMessages()
    {
        var leader = LeaderHarness.ReadyLeader();
        var ready = ProposeAndTakeReady(leader);
        Assert.Single(ready.Entries);
        Assert.Equal([2, 3], ready.EarlyMessages.Where(m => m.Type == MessageType.Append).Select(m => m.To).Order());
        Assert.DoesNotContain(ready.Messages, m => m.Type == MessageType.Append);
        Assert.True(ready.MustSync);
    }

    [Fact]
    public void OneFollowersAck_BeforeTheLeadersWrite_DoesNotCommit_TheWriteThenDoes()
    {
        var leader = LeaderHarness.ReadyLeader();
        var ready = ProposeAndTakeReady(leader);
        var index = ready.Entries[0].Index;

        // Follower 2 is fast: its ack arrives while the leader's own write is in flight.
        leader.Node.Step(LeaderHarness.Ack(leader.Node, 2, index));
        Assert.Equal(index - 1, leader.Node.CommitIndex);

        leader.Node.Advance(ready);
        Assert.Equal(index, leader.Node.CommitIndex);
    }

    [Fact]
    public void TwoFollowersAcks_CommitWithoutTheLeadersDisk()
    {
        var leader = LeaderHarness.ReadyLeader();
        var ready = ProposeAndTakeReady(leader);
        var index = ready.Entries[0].Index;
        leader.Node.Step(LeaderHarness.Ack(leader.Node, 2, index));
        leader.Node.Step(LeaderHarness.Ack(leader.Node, 3, index));
        // Two durable copies of three voters are a quorum.
        Assert.Equal(index, leader.Node.CommitIndex);
        leader.Node.Advance(ready);
    }

    [Fact]
    public void SingleVoter_CommitsOnlyAfterItsWrite()
    {
        var harness = new NodeHarness(peers: 1);
        for (var i = 0; i < 40 && harness.Node.Role != RaftRole.Leader; i++) harness.Node.Tick();
        harness.Drain();
        var result = harness.Node.Propose(new byte[] { 1 });
        var ready = harness.Node.GetReady();
        Assert.Empty(ready.CommittedEntries);
        Assert.True(harness.Node.CommitIndex < result.Index);
        harness.Node.Advance(ready);
        Assert.Equal(result.Index, harness.Node.CommitIndex);
    }

    [Fact]
    public void ACandidatesVoteRequests_WaitForItsWrite()
    {
        var harness = new NodeHarness(peers: 3);
        for (var i = 0; i < 40 && harness.Node.Role == RaftRole.Follower; i++) harness.Node.Tick();
        var ready = harness.Node.GetReady();
        Assert.Empty(ready.EarlyMessages);
        Assert.Contains(ready.Messages, m => m.Type == MessageType.Vote);
    }

    [Fact]
    public void WithEarlyAppendsOff_EveryMessageWaitsForTheWrite()
    {
        var leader = LeaderHarness.ReadyLeader(config: new RaftConfig { Id = 1, Peers = [1, 2, 3], EarlyAppends = false });
        var ready = ProposeAndTakeReady(leader);
        Assert.Empty(ready.EarlyMessages);
        Assert.Contains(ready.Messages, m => m.Type == MessageType.Append);
    }
}

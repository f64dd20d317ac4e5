using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Tests.Core;

/// <summary>
/// A leader's appends may leave before its own write (dissertation §10.2.1), because its own log counts
/// toward a commit only once it is stable: a quorum is always of durable copies. Nothing that promises
/// something about this peer's disk (a vote request after a new term, an acknowledgement) goes early. While a
/// write is in flight, a leader whose term and vote are durable lets the appends and heartbeats made meanwhile
/// leave at once (<see cref="RaftNode.TakeEarlyMessages"/>), so a slow disk cannot starve followers of
/// heartbeats into an election; so do a follower's heartbeat responses, which keep the leader's CheckQuorum. A
/// peer whose term is still being written sends nothing early, and acknowledgements of entries never go early.
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

    [Fact]
    public void LeaderMidWrite_AppendsAndHeartbeatsMadeMeanwhile_LeaveAtOnce()
    {
        var leader = LeaderHarness.ReadyLeader();
        var inFlight = ProposeAndTakeReady(leader);
        for (var i = 0; i < 10; i++) leader.Node.Tick();
        Assert.True(leader.Node.Propose(new byte[] { 8 }).IsAccepted);

        var early = leader.Node.TakeEarlyMessages();

        Assert.Contains(early, m => m.Type == MessageType.Heartbeat);
        Assert.Equal([2, 3], early.Where(m => m.Type == MessageType.Append).Select(m => m.To).Order());
        Assert.All(early, m => Assert.True(m.Type is MessageType.Append or MessageType.Heartbeat));
        Assert.Empty(leader.Node.TakeEarlyMessages());
        leader.Node.Advance(inFlight);
        // Taken once: the next Ready does not send them again.
        var next = leader.Node.GetReady();
        Assert.DoesNotContain(next.EarlyMessages.Concat(next.Messages), m => m.Type == MessageType.Heartbeat);
    }

    [Fact]
    public void NewLeaderWhoseTermIsStillBeingWritten_SendsNothingEarly()
    {
        var harness = new NodeHarness(peers: 3, config: new RaftConfig { Id = 1, Peers = [1, 2, 3], PreVote = false });
        for (var i = 0; i < 40 && harness.Node.Role == RaftRole.Follower; i++) harness.Node.Tick();
        Assert.Equal(RaftRole.Candidate, harness.Node.Role);
        var candidacy = harness.Node.GetReady();
        Assert.NotNull(candidacy.HardState);

        // Both votes arrive while the candidate's own term and vote are still in flight.
        foreach (var voter in new[] { 2, 3 }) harness.Node.Step(new Message { Type = MessageType.VoteResponse, From = voter, To = 1, Term = harness.Node.Term });
        Assert.Equal(RaftRole.Leader, harness.Node.Role);

        Assert.Empty(harness.Node.TakeEarlyMessages());
        harness.Node.Advance(candidacy);
        var next = harness.Node.GetReady();
        Assert.Contains(next.EarlyMessages.Concat(next.Messages), m => m.Type == MessageType.Append);
    }

    [Fact]
    public void Follower_HeartbeatResponsesLeaveEarly_OnceItsTermIsDurable_ButNotItsAcknowledgements()
    {
        var follower = new NodeHarness(id: 2, peers: 3);
        // The first heartbeat of term 1 moves the follower's term: its answer waits for that write.
        follower.Node.Step(new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 1 });
        Assert.Empty(follower.Node.TakeEarlyMessages());
        var termWrite = follower.Node.GetReady();
        Assert.Empty(termWrite.EarlyMessages);
        Assert.Contains(termWrite.Messages, m => m.Type == MessageType.HeartbeatResponse);
        follower.Node.Advance(termWrite);

        // An entry is being written when the next heartbeat comes: its answer leaves at once, the entry's
        // acknowledgement only after the write.
        follower.Node.Step(new Message { Type = MessageType.Append, From = 1, To = 2, Term = 1, Index = 0, LogTerm = 0, Entries = NodeHarness.Log(1) });
        var entryWrite = follower.Node.GetReady();
        Assert.Contains(entryWrite.Messages, m => m.Type == MessageType.AppendResponse);
        follower.Node.Step(new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 1 });

        var early = follower.Node.TakeEarlyMessages();
        Assert.Equal(MessageType.HeartbeatResponse, Assert.Single(early).Type);
        follower.Node.Advance(entryWrite);
    }
}

using Raft.Core.Members;
using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Tests.Core;

/// <summary>
/// Leadership transfer (dissertation §3.10): TimeoutNow once the target has caught up, proposals paused
/// meanwhile, the transfer abandoned after an election timeout, and the target's campaign let past the
/// others' CheckQuorum lease.
/// </summary>
public sealed class LeadershipTransferTests
{
    [Fact]
    public void TransferToACaughtUpVoter_SendsTimeoutNow_AndPausesProposals()
    {
        var harness = LeaderHarness.ReadyLeader();
        Assert.Equal(TransferOutcome.Accepted, harness.Node.TransferLeadership(2).Outcome);
        Assert.Contains(harness.Drain(), m => m is { Type: MessageType.TimeoutNow, To: 2 });
        var refused = harness.Node.Propose(new byte[] { 1 });
        Assert.Equal(ProposeOutcome.Transferring, refused.Outcome);
        Assert.Equal(2, refused.LeaderHint);
        Assert.Equal(2, harness.Node.Status().LeadTransferee);
    }

    [Fact]
    public void TransferToALaggingVoter_WaitsUntilItCatchesUp()
    {
        var harness = LeaderHarness.ReadyLeader();
        harness.Node.Propose(new byte[] { 1 });
        harness.Drain();
        LeaderHarness.AckAll(harness, except: 3);
        harness.Sent.Clear();
        harness.Node.TransferLeadership(3);
        Assert.DoesNotContain(harness.Drain(), m => m.Type == MessageType.TimeoutNow);
        harness.Step(LeaderHarness.Ack(harness.Node, 3));
        Assert.Contains(harness.Sent, m => m is { Type: MessageType.TimeoutNow, To: 3 });
    }

    [Fact]
    public void UnfinishedTransfer_IsAbandonedAfterAnElectionTimeout()
    {
        var harness = LeaderHarness.ReadyLeader();
        harness.Node.TransferLeadership(2);
        // Keep the quorum active so CheckQuorum does not end the leadership first.
        for (var i = 0; i < 10; i++)
        {
            harness.Node.Tick();
            harness.Step(new Message { Type = MessageType.HeartbeatResponse, From = 3, To = 1, Term = harness.Node.Term });
        }
        Assert.Equal(RaftRole.Leader, harness.Node.Role);
        Assert.Equal(0, harness.Node.LeadTransferee);
        Assert.True(harness.Node.Propose(new byte[] { 1 }).IsAccepted);
    }

    [Fact]
    public void BadTargets_AreRefusedTyped()
    {
        var harness = LeaderHarness.ReadyLeader();
        Assert.Equal(TransferOutcome.AlreadyLeader, harness.Node.TransferLeadership(1).Outcome);
        Assert.Equal(TransferOutcome.NotAVoter, harness.Node.TransferLeadership(9).Outcome);
        harness.Node.ProposeMembership(new MembershipChange(MembershipChangeKind.AddLearner, 4));
        harness.Drain();
        Assert.Equal(TransferOutcome.NotAVoter, harness.Node.TransferLeadership(4).Outcome);
        Assert.Equal(0, harness.Node.LeadTransferee);

        var follower = new NodeHarness(id: 2);
        follower.Step(new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 1 });
        Assert.Equal((TransferOutcome.NotLeader, 1), follower.Node.TransferLeadership(3));
    }

    [Fact]
    public void TimeoutNow_StartsAnElectionAtOnce_ThatTheLeaseLetsThrough()
    {
        var config = new RaftConfig { Id = 2, Peers = [1, 2, 3], PreVote = true, CheckQuorum = true };
        var target = new NodeHarness(id: 2, config: config);
        target.Step(new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 1 });
        target.Step(new Message { Type = MessageType.TimeoutNow, From = 1, To = 2, Term = 1 });
        var vote = target.Sent.Single(m => m is { Type: MessageType.Vote, To: 3 });
        Assert.True(vote.LeaderTransfer);
        Assert.Equal(RaftRole.Candidate, target.Node.Role);

        // Peer 3 still hears leader 1 (in its lease) and would ignore an ordinary vote request.
        var voter = new NodeHarness(id: 3, config: config with { Id = 3 });
        voter.Step(new Message { Type = MessageType.Heartbeat, From = 1, To = 3, Term = 1 });
        Assert.Equal(StepOutcome.IgnoredInLease, voter.Node.Step(vote with { LeaderTransfer = false }));
        Assert.Equal(StepOutcome.Accepted, voter.Step(vote));
        Assert.Contains(voter.Sent, m => m is { Type: MessageType.VoteResponse, To: 2, Reject: false });
    }

    [Fact]
    public void TimeoutNowFromSomeoneButTheLeader_OrToALearner_DoesNothing()
    {
        var follower = new NodeHarness(id: 2);
        follower.Step(new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 1 });
        Assert.Equal(StepOutcome.NotApplicable, follower.Node.Step(new Message { Type = MessageType.TimeoutNow, From = 3, To = 2, Term = 1 }));
        Assert.Equal(RaftRole.Follower, follower.Node.Role);

        var learner = new NodeHarness(id: 4, peers: 3, config: new RaftConfig { Id = 4, Peers = [1, 2, 3], KnownPeers = [1, 2, 3, 4] });
        learner.Step(new Message { Type = MessageType.Heartbeat, From = 1, To = 4, Term = 1 });
        learner.Node.Step(new Message { Type = MessageType.TimeoutNow, From = 1, To = 4, Term = 1 });
        Assert.Equal(RaftRole.Follower, learner.Node.Role);
    }
}

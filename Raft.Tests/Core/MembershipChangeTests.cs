using Raft.Core.Members;
using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Tests.Core;

/// <summary>
/// Single-server membership changes (dissertation §4.1-4.2): refusals are typed and change nothing, a
/// membership takes effect when appended, learners never vote or campaign, and a leader that removes
/// itself steps down once that change commits.
/// </summary>
public sealed class MembershipChangeTests
{
    private static MembershipChange Add(int id, bool learner = true) => new(learner ? MembershipChangeKind.AddLearner : MembershipChangeKind.AddVoter, id);

    private static void AssertRefused(NodeHarness harness, MembershipChange change, MembershipChangeOutcome expected)
    {
        var (last, membership) = (harness.Node.LastIndex, harness.Node.Membership);
        var result = harness.Node.ProposeMembership(change);
        Assert.Equal(expected, result.Outcome);
        Assert.Equal(last, harness.Node.LastIndex);
        Assert.Equal(membership, harness.Node.Membership);
    }

    [Fact]
    public void BadRequests_AreRefusedTyped_AndChangeNothing()
    {
        var harness = LeaderHarness.ReadyLeader();
        AssertRefused(harness, new MembershipChange(MembershipChangeKind.Remove, 9), MembershipChangeOutcome.UnknownMember);
        AssertRefused(harness, new MembershipChange(MembershipChangeKind.Promote, 2), MembershipChangeOutcome.AlreadyVoter);
        AssertRefused(harness, new MembershipChange(MembershipChangeKind.Promote, 9), MembershipChangeOutcome.UnknownMember);
        AssertRefused(harness, Add(3), MembershipChangeOutcome.AlreadyMember);
        AssertRefused(harness, Add(0), MembershipChangeOutcome.InvalidPeer);
        AssertRefused(harness, Add(-4), MembershipChangeOutcome.InvalidPeer);
    }

    [Fact]
    public void RemovingTheLastVoter_IsRefused()
    {
        var harness = LeaderHarness.ReadyLeader(peers: 1);
        AssertRefused(harness, new MembershipChange(MembershipChangeKind.Remove, 1), MembershipChangeOutcome.LastVoter);
    }

    [Fact]
    public void SecondChangeWhileOneIsPending_IsRefused_UntilTheFirstCommits()
    {
        var harness = LeaderHarness.ReadyLeader();
        var first = harness.Node.ProposeMembership(Add(4));
        Assert.True(first.IsAccepted);
        harness.Drain();
        AssertRefused(harness, Add(5), MembershipChangeOutcome.ChangePending);

        LeaderHarness.AckAll(harness, except: 4);
        Assert.True(harness.Node.CommitIndex >= first.Index);
        Assert.True(harness.Node.ProposeMembership(Add(5)).IsAccepted);
    }

    [Fact]
    public void NewLeader_RefusesChanges_UntilAnEntryOfItsTermCommits()
    {
        var harness = new NodeHarness(id: 1, peers: 3);
        harness.ElectSelf();
        AssertRefused(harness, Add(4), MembershipChangeOutcome.LeaderNotReady);
        LeaderHarness.AckAll(harness);
        Assert.True(harness.Node.ProposeMembership(Add(4)).IsAccepted);
    }

    [Fact]
    public void Follower_SaysWhoLeads()
    {
        var harness = new NodeHarness(id: 2, peers: 3);
        harness.Step(new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 1 });
        var result = harness.Node.ProposeMembership(Add(4));
        Assert.Equal(MembershipChangeOutcome.NotLeader, result.Outcome);
        Assert.Equal(1, result.LeaderHint);
    }

    [Fact]
    public void AddedVoter_CountsTowardQuorum_AsSoonAsAppended()
    {
        var harness = LeaderHarness.ReadyLeader();
        var change = harness.Node.ProposeMembership(Add(4, learner: false));
        harness.Drain();
        Assert.True(harness.Node.Membership.IsVoter(4));
        Assert.Equal(3, harness.Node.Membership.Quorum);
        // Leader and peer 2 are two of four: not a majority, so the change itself is not committed yet.
        harness.Step(LeaderHarness.Ack(harness.Node, 2));
        Assert.True(harness.Node.CommitIndex < change.Index);
        harness.Step(LeaderHarness.Ack(harness.Node, 3));
        Assert.True(harness.Node.CommitIndex >= change.Index);
    }

    [Fact]
    public void Learner_IsReplicatedTo_ButNeverCountsOrCampaigns()
    {
        var harness = LeaderHarness.ReadyLeader();
        harness.Node.ProposeMembership(Add(4));
        var sent = harness.Drain();
        Assert.Contains(sent, m => m is { Type: MessageType.Append, To: 4 });
        // Only the learner acknowledges: nothing commits.
        var commit = harness.Node.CommitIndex;
        harness.Step(LeaderHarness.Ack(harness.Node, 4));
        Assert.Equal(commit, harness.Node.CommitIndex);

        var learner = new NodeHarness(id: 4, peers: 3, config: new RaftConfig { Id = 4, Peers = [1, 2, 3], KnownPeers = [1, 2, 3, 4] });
        for (var i = 0; i < 100; i++) learner.Node.Tick();
        learner.Drain();
        Assert.Equal(RaftRole.Follower, learner.Node.Role);
        Assert.DoesNotContain(learner.Sent, m => m.Type is MessageType.Vote or MessageType.PreVote);
    }

    [Fact]
    public void LeaderThatRemovesItself_StepsDownOnceTheChangeCommits_AndHandsOver()
    {
        var harness = LeaderHarness.ReadyLeader();
        var change = harness.Node.ProposeMembership(new MembershipChange(MembershipChangeKind.Remove, 1));
        harness.Drain();
        Assert.Equal(RaftRole.Leader, harness.Node.Role);
        Assert.False(harness.Node.Membership.Contains(1));

        // Its own copy no longer counts: one follower of the two remaining voters is not enough.
        harness.Step(LeaderHarness.Ack(harness.Node, 2));
        Assert.True(harness.Node.CommitIndex < change.Index);
        Assert.Equal(RaftRole.Leader, harness.Node.Role);
        harness.Step(LeaderHarness.Ack(harness.Node, 3));
        Assert.Equal(RaftRole.Follower, harness.Node.Role);
        Assert.Contains(harness.Sent, m => m.Type == MessageType.TimeoutNow && m.To is 2 or 3);
    }

    [Fact]
    public void TruncatedConfigurationEntry_RevertsTheMembership()
    {
        var harness = new NodeHarness(id: 2, peers: 3);
        var config = new Entry(1, 1, EntryType.Configuration, MembershipCodec.Encode(Membership.Of([1, 2, 3, 4])));
        harness.Step(new Message { Type = MessageType.Append, From = 1, To = 2, Term = 1, Entries = [config] });
        Assert.True(harness.Node.Membership.IsVoter(4));

        // A leader of term 2 overwrites index 1 with its no-op.
        harness.Step(new Message { Type = MessageType.Append, From = 3, To = 2, Term = 2, Entries = [new Entry(2, 1, EntryType.NoOp, default)] });
        Assert.Equal(Membership.Of([1, 2, 3]), harness.Node.Membership);
    }

    [Fact]
    public void ConfigurationEntryThatDoesNotDecode_IsMalformed()
    {
        var harness = new NodeHarness(id: 2, peers: 3);
        var bad = new Entry(1, 1, EntryType.Configuration, new byte[] { 1, 0, 0 });
        Assert.Equal(StepOutcome.Malformed, harness.Node.Step(new Message { Type = MessageType.Append, From = 1, To = 2, Term = 1, Entries = [bad] }));
        Assert.Equal(0, harness.Node.LastIndex);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 2, 0, 0, 0, 1, 0, 0, 0 })]
    [InlineData(new byte[] { 2, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 0, 1, 0, 1, 0, 0, 0, 1, 0, 0, 0 })]
    [InlineData(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0, 0 })]
    public void MembershipCodec_RefusesAnythingButOneMembership(byte[] bytes)
    {
        Assert.Null(MembershipCodec.TryDecode(bytes));
    }

    [Fact]
    public void MembershipCodec_RoundTrips()
    {
        var membership = Membership.Of([1, 3, 5], [2, 7]);
        Assert.Equal(membership, MembershipCodec.TryDecode(MembershipCodec.Encode(membership)));
    }
}

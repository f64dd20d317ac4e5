using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Tests.Core;

/// <summary>
/// Bad input from the network or a client is reported with a typed outcome and changes nothing: term,
/// vote, log, commit and role stay as they were, and nothing is queued to persist.
/// </summary>
public sealed class BadInputTests
{
    private static (long, int, long, long, long, RaftRole, int) Fingerprint(RaftNode node) =>
        (node.Term, node.VotedFor, node.LastIndex, node.LastTerm, node.CommitIndex, node.Role, node.Leader);

    private static NodeHarness Follower()
    {
        var harness = new NodeHarness(id: 2, persisted: new PersistedState(new HardState(3, 1, 2), NodeHarness.Log(1, 2, 3)));
        // Hear from leader 1 so the follower knows its leader.
        harness.Step(new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 3, Commit = 2 });
        return harness;
    }

    private static Ready AssertUnchanged(NodeHarness harness, Message message, StepOutcome expected)
    {
        var before = Fingerprint(harness.Node);
        var outcome = harness.Node.Step(message);
        Assert.Equal(expected, outcome);
        Assert.Equal(before, Fingerprint(harness.Node));
        var ready = harness.Node.GetReady();
        Assert.Empty(ready.Entries);
        Assert.Null(ready.HardState);
        harness.Node.Advance(ready);
        return ready;
    }

    [Fact]
    public void MessageFromPeerOutsideTheConfiguration_IsRejected()
    {
        AssertUnchanged(Follower(), new Message { Type = MessageType.Vote, From = 9, To = 2, Term = 10, Index = 9, LogTerm = 9 }, StepOutcome.UnknownPeer);
    }

    [Fact]
    public void MessageForAnotherPeer_IsRejected()
    {
        AssertUnchanged(Follower(), new Message { Type = MessageType.Heartbeat, From = 1, To = 3, Term = 9 }, StepOutcome.WrongRecipient);
    }

    [Fact]
    public void StaleTerm_IsDropped()
    {
        AssertUnchanged(Follower(), new Message { Type = MessageType.Vote, From = 3, To = 2, Term = 2, Index = 9, LogTerm = 2 }, StepOutcome.StaleTerm);
    }

    [Fact]
    public void StaleLeaderAppend_IsDropped_AndToldTheNewTerm()
    {
        var harness = Follower();
        var ready = AssertUnchanged(harness, new Message { Type = MessageType.Append, From = 3, To = 2, Term = 1, Index = 3, LogTerm = 1 }, StepOutcome.StaleTerm);
        Assert.Contains(ready.Messages, m => m is { Type: MessageType.AppendResponse, To: 3, Term: 3 });
    }

    [Fact]
    public void HeartbeatCommitPastTheLog_IsRejected()
    {
        AssertUnchanged(Follower(), new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 4, Commit = 50 }, StepOutcome.IndexPastLog);
    }

    [Fact]
    public void AcknowledgementPastTheLeadersLog_IsRejected()
    {
        var harness = new NodeHarness();
        harness.ElectSelf();
        var message = new Message { Type = MessageType.AppendResponse, From = 2, To = 1, Term = harness.Node.Term, Index = 99 };
        AssertUnchanged(harness, message, StepOutcome.IndexPastLog);
    }

    [Theory]
    [InlineData(-1L, 0L)]
    [InlineData(3L, -5L)]
    public void NegativeFields_AreMalformed(long term, long index)
    {
        AssertUnchanged(Follower(), new Message { Type = MessageType.Append, From = 1, To = 2, Term = term, Index = index }, StepOutcome.Malformed);
    }

    [Fact]
    public void EntriesThatDoNotFollowTheirPredecessor_AreMalformed()
    {
        var gap = new[] { new Entry(3, 6, EntryType.Normal, Array.Empty<byte>()) };
        AssertUnchanged(Follower(), new Message { Type = MessageType.Append, From = 1, To = 2, Term = 3, Index = 3, LogTerm = 3, Entries = gap }, StepOutcome.Malformed);
        var fromTheFuture = new[] { new Entry(9, 4, EntryType.Normal, Array.Empty<byte>()) };
        AssertUnchanged(Follower(), new Message { Type = MessageType.Append, From = 1, To = 2, Term = 3, Index = 3, LogTerm = 3, Entries = fromTheFuture }, StepOutcome.Malformed);
        var unknownType = new[] { new Entry(3, 4, (EntryType)77, Array.Empty<byte>()) };
        AssertUnchanged(Follower(), new Message { Type = MessageType.Append, From = 1, To = 2, Term = 3, Index = 3, LogTerm = 3, Entries = unknownType }, StepOutcome.Malformed);
    }

    [Fact]
    public void UnknownMessageType_IsMalformed()
    {
        AssertUnchanged(Follower(), new Message { Type = (MessageType)200, From = 1, To = 2, Term = 3 }, StepOutcome.Malformed);
    }

    [Fact]
    public void AppendOverwritingACommittedEntry_IsRejected()
    {
        var harness = Follower();
        var rewrite = new[] { new Entry(3, 2, EntryType.Normal, new byte[] { 7 }) };
        AssertUnchanged(harness, new Message { Type = MessageType.Append, From = 1, To = 2, Term = 3, Index = 1, LogTerm = 1, Entries = rewrite }, StepOutcome.ConflictsWithCommitted);
    }

    [Fact]
    public void ProposalToFollower_NamesTheLeader()
    {
        var harness = Follower();
        var before = Fingerprint(harness.Node);
        var result = harness.Node.Propose(new byte[] { 1 });
        Assert.Equal(ProposeOutcome.NotLeader, result.Outcome);
        Assert.Equal(1, result.LeaderHint);
        Assert.Equal(before, Fingerprint(harness.Node));
    }

    [Fact]
    public void OversizedProposal_IsRefused()
    {
        var harness = new NodeHarness(config: new RaftConfig { Id = 1, Peers = [1], MaxProposalBytes = 16 });
        harness.ElectSelf();
        var before = Fingerprint(harness.Node);
        Assert.Equal(ProposeOutcome.TooLarge, harness.Node.Propose(new byte[17]).Outcome);
        Assert.Equal(before, Fingerprint(harness.Node));
        Assert.True(harness.Node.Propose(new byte[16]).IsAccepted);
    }

    [Fact]
    public void ProposalsPastTheUncommittedBudget_AreDropped()
    {
        var harness = new NodeHarness(config: new RaftConfig { Id = 1, Peers = [1], MaxProposalBytes = 100, MaxUncommittedBytes = 300 });
        harness.ElectSelf();
        var outcomes = Enumerable.Range(0, 5).Select(_ => harness.Node.Propose(new byte[100]).Outcome).ToArray();
        Assert.Contains(ProposeOutcome.Dropped, outcomes);
        Assert.Equal(ProposeOutcome.Accepted, outcomes[0]);
    }
}

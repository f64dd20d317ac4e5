using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Tests.Core;

/// <summary>
/// A leader's broadcasts wait for the next Ready (or early take), so the proposals and commits between two
/// Readies leave as one append per follower, carrying every new entry and the latest commit index, instead of
/// one append per proposal: a follower then steps, writes and answers once. A leader that steps down before
/// the Ready sends nothing of it.
/// </summary>
public sealed class AppendCoalescingTests
{
    private static List<Message> AppendsIn(Ready ready) =>
        [.. ready.EarlyMessages.Concat(ready.Messages).Where(m => m.Type == MessageType.Append)];

    [Fact]
    public void ProposalsBetweenReadies_LeaveAsOneAppendPerFollower()
    {
        var leader = LeaderHarness.ReadyLeader();
        var before = leader.Node.LastIndex;
        for (byte n = 1; n <= 3; n++) Assert.True(leader.Node.Propose(new[] { n }).IsAccepted);

        var appends = AppendsIn(leader.Node.GetReady());

        Assert.Equal([2, 3], appends.Select(m => m.To).Order());
        Assert.All(appends, m =>
        {
            Assert.Equal(before, m.Index);
            Assert.Equal([before + 1, before + 2, before + 3], m.Entries.Select(e => e.Index));
        });
    }

    [Fact]
    public void ACommitAndAProposalBetweenReadies_ShareOneAppend_CarryingTheNewCommit()
    {
        var leader = LeaderHarness.ReadyLeader();
        Assert.True(leader.Node.Propose(new byte[] { 1 }).IsAccepted);
        leader.Drain();
        var first = leader.Node.LastIndex;
        leader.Node.Step(LeaderHarness.Ack(leader.Node, 2, first));
        Assert.Equal(first, leader.Node.CommitIndex);
        Assert.True(leader.Node.Propose(new byte[] { 2 }).IsAccepted);

        var appends = AppendsIn(leader.Node.GetReady());

        Assert.Equal([2, 3], appends.Select(m => m.To).Order());
        Assert.All(appends, m => Assert.Equal(first, m.Commit));
        // Follower 3 has not acknowledged the first entry yet, but it was sent (replication is optimistic): only the new one goes.
        Assert.All(appends, m => Assert.Equal([first + 1], m.Entries.Select(e => e.Index)));
    }

    [Fact]
    public void ALeaderThatStepsDownBeforeTheReady_SendsNoneOfItsPendingAppends()
    {
        var leader = LeaderHarness.ReadyLeader();
        Assert.True(leader.Node.Propose(new byte[] { 1 }).IsAccepted);
        leader.Node.Step(new Message { Type = MessageType.Heartbeat, From = 2, To = 1, Term = leader.Node.Term + 1 });

        Assert.Equal(RaftRole.Follower, leader.Node.Role);
        Assert.Empty(AppendsIn(leader.Node.GetReady()));
    }
}

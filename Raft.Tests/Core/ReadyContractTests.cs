using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Tests.Core;

/// <summary>
/// The durability contract of Ready: whatever a message promises (a vote, an acknowledged entry) is in the
/// same Ready's hard state or entries, marked MustSync, so a host that persists before sending never
/// promises what a crash could take back.
/// </summary>
public sealed class ReadyContractTests
{
    [Fact]
    public void VoteGranted_TravelsWithTheVoteToPersist()
    {
        var node = new RaftNode(new RaftConfig { Id = 2, Peers = [1, 2, 3], PreVote = false });
        node.Advance(node.GetReady());
        Assert.Equal(StepOutcome.Accepted, node.Step(new Message { Type = MessageType.Vote, From = 1, To = 2, Term = 5 }));
        var ready = node.GetReady();
        Assert.Contains(ready.Messages, m => m is { Type: MessageType.VoteResponse, Reject: false });
        Assert.Equal(new HardState(5, 1, 0), ready.HardState);
        Assert.True(ready.MustSync);
    }

    [Fact]
    public void AppendAcknowledged_TravelsWithTheEntriesToPersist()
    {
        var node = new RaftNode(new RaftConfig { Id = 2, Peers = [1, 2, 3] });
        node.Advance(node.GetReady());
        var entries = NodeHarness.Log(1, 1);
        node.Step(new Message { Type = MessageType.Append, From = 1, To = 2, Term = 1, Entries = entries, Commit = 1 });
        var ready = node.GetReady();
        Assert.Equal(entries, ready.Entries);
        Assert.True(ready.MustSync);
        Assert.Contains(ready.Messages, m => m is { Type: MessageType.AppendResponse, Reject: false, Index: 2 });
        Assert.Equal(1, ready.CommittedEntries.Single().Index);
        node.Advance(ready);
        Assert.False(node.HasReady);
    }

    [Fact]
    public void Restart_FromPersistedState_KeepsTermVoteLogAndCommit()
    {
        var persisted = new PersistedState(new HardState(7, 3, 2), NodeHarness.Log(1, 2, 7));
        var node = new RaftNode(new RaftConfig { Id = 1, Peers = [1, 2, 3] }, persisted);
        Assert.Equal(7, node.Term);
        Assert.Equal(3, node.VotedFor);
        Assert.Equal(3, node.LastIndex);
        Assert.Equal(2, node.CommitIndex);
        // The first Ready re-applies the committed prefix to a fresh state machine, and persists nothing.
        var ready = node.GetReady();
        Assert.Equal([1L, 2L], ready.CommittedEntries.Select(e => e.Index));
        Assert.Empty(ready.Entries);
        Assert.Null(ready.HardState);
    }

    [Fact]
    public void ConflictingSuffix_IsTruncated_AndRewrittenFromTheConflict()
    {
        var persisted = new PersistedState(new HardState(2, 0, 1), NodeHarness.Log(1, 2, 2));
        var node = new RaftNode(new RaftConfig { Id = 2, Peers = [1, 2, 3] }, persisted);
        node.Advance(node.GetReady());
        var fromLeader = new[] { new Entry(3, 2, EntryType.Normal, new byte[] { 9 }) };
        node.Step(new Message { Type = MessageType.Append, From = 1, To = 2, Term = 3, Index = 1, LogTerm = 1, Entries = fromLeader });
        var ready = node.GetReady();
        Assert.Equal(fromLeader, ready.Entries);
        Assert.Equal(2, node.LastIndex);
        Assert.Equal(3, node.LastTerm);
    }
}

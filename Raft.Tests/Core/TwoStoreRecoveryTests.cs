using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Tests.Core;

/// <summary>
/// The grain persists a Ready's log entries before its hard state, in two stores. A crash between the two
/// leaves entries of a term the hard state never reached; these tests prove the node restarts from that
/// safely: in the log's term, with no vote, persisting the new term in its first Ready.
/// </summary>
public sealed class TwoStoreRecoveryTests
{
    [Fact]
    public void Restart_LogAheadOfHardStateTerm_ResumesInTheLogsTermWithoutAVote()
    {
        var entries = new[] { new Entry(1, 1, EntryType.NoOp, ReadOnlyMemory<byte>.Empty), new Entry(3, 2, EntryType.Normal, new byte[] { 7 }) };
        var node = new RaftNode(new RaftConfig { Id = 2, Peers = [1, 2, 3] }, new PersistedState(new HardState(2, 1, 1), entries));

        Assert.Equal(3, node.Term);
        Assert.Equal(0, node.VotedFor);
        var ready = node.GetReady();
        Assert.Equal(new HardState(3, 0, 1), ready.HardState);
        Assert.True(ready.MustSync);
    }

    [Fact]
    public void Restart_LogAheadOfHardStateTerm_GrantsNoSecondVoteForAnEarlierCandidateButMayVoteInTheLogsTerm()
    {
        var entries = new[] { new Entry(3, 1, EntryType.NoOp, ReadOnlyMemory<byte>.Empty) };
        var node = new RaftNode(new RaftConfig { Id = 2, Peers = [1, 2, 3], PreVote = false, CheckQuorum = false }, new PersistedState(new HardState(2, 1, 0), entries));
        node.Advance(node.GetReady());

        // A vote request for term 2 is stale now: the peer may not vote again in a term it has left.
        Assert.Equal(StepOutcome.StaleTerm, node.Step(new Message { Type = MessageType.Vote, From = 3, To = 2, Term = 2, Index = 1, LogTerm = 2 }));
        Assert.Equal(StepOutcome.Accepted, node.Step(new Message { Type = MessageType.Vote, From = 3, To = 2, Term = 4, Index = 1, LogTerm = 3 }));
        Assert.Equal(new HardState(4, 3, 0), node.GetReady().HardState);
    }

    [Fact]
    public void Restart_HardStateAheadOfLog_KeepsTheStoredTermAndVote()
    {
        var entries = new[] { new Entry(1, 1, EntryType.NoOp, ReadOnlyMemory<byte>.Empty) };
        var node = new RaftNode(new RaftConfig { Id = 2, Peers = [1, 2, 3] }, new PersistedState(new HardState(5, 3, 1), entries));

        Assert.Equal(5, node.Term);
        Assert.Equal(3, node.VotedFor);
        Assert.Null(node.GetReady().HardState);
    }
}

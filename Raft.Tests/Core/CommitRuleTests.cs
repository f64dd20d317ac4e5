using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Tests.Core;

/// <summary>
/// Raft §5.4.2 and Figure 8, deterministically: a leader never commits an entry of an earlier term by
/// counting replicas, only by committing an entry of its own term after it. Also the no-op a new leader
/// appends, and one-peer clusters committing on their own.
/// </summary>
public sealed class CommitRuleTests
{
    [Fact]
    public void Figure8_OldTermEntryOnMajority_NotCommittedUntilCurrentTermEntryIs()
    {
        // Figure 8 (c): S1 holds [1, 2] from terms 1 and 2 and leads a later term.
        var s1 = new NodeHarness(id: 1, peers: 5, new PersistedState(new HardState(3, 0, 1), NodeHarness.Log(1, 2)));
        s1.ElectSelf();
        var term = s1.Node.Term;
        Assert.Equal(3, s1.Node.LastIndex); // its no-op
        Assert.Equal(1, s1.Node.CommitIndex);

        // S2 and S3 acknowledge index 2 (term 2): with S1, a majority holds it, yet it must not commit.
        foreach (var follower in new[] { 2, 3 })
            s1.Step(new Message { Type = MessageType.AppendResponse, From = follower, To = 1, Term = term, Index = 2 });
        Assert.Equal(1, s1.Node.CommitIndex);

        // Once a majority holds the no-op of the current term, both commit together.
        foreach (var follower in new[] { 2, 3 })
            s1.Step(new Message { Type = MessageType.AppendResponse, From = follower, To = 1, Term = term, Index = 3 });
        Assert.Equal(3, s1.Node.CommitIndex);
    }

    [Fact]
    public void NewLeader_AppendsNoOpOfItsTerm_AndSendsIt()
    {
        var harness = new NodeHarness();
        harness.ElectSelf();
        var noOp = harness.Node.EntryAt(harness.Node.LastIndex);
        Assert.Equal(EntryType.NoOp, noOp.Type);
        Assert.Equal(harness.Node.Term, noOp.Term);
        Assert.Contains(harness.Sent, m => m.Type == MessageType.Append && m.Entries.Any(e => e.Type == EntryType.NoOp));
    }

    [Fact]
    public void SinglePeer_ElectsItself_AndCommitsProposalsAlone()
    {
        var harness = new NodeHarness(peers: 1);
        for (var i = 0; i < 40 && harness.Node.Role != RaftRole.Leader; i++) harness.Node.Tick();
        harness.Drain();
        Assert.Equal(RaftRole.Leader, harness.Node.Role);
        var result = harness.Node.Propose(new byte[] { 42 });
        Assert.True(result.IsAccepted);
        harness.Drain();
        Assert.Equal(result.Index, harness.Node.CommitIndex);
        var applied = harness.Readies.SelectMany(r => r.CommittedEntries).ToArray();
        Assert.Equal(result.Index, applied[^1].Index);
    }
}

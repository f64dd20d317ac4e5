using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Tests.Core;

/// <summary>
/// ReadIndex (dissertation §6.4): only a leader answers, only after its term's first commit, and only once a
/// quorum confirms it still leads; the reads between two Readies share one heartbeat round, and while a
/// round is in flight newer reads wait for the next one; a leader that loses its term answers nothing. The simulator checks the
/// same reads for linearizability under faults (SeededSimulationTests).
/// </summary>
public sealed class ReadIndexTests
{
    private static long AckNoOp(NodeHarness harness)
    {
        var term = harness.Node.Term;
        harness.Step(new Message { Type = MessageType.AppendResponse, From = 2, To = 1, Term = term, Index = harness.Node.LastIndex });
        return harness.Node.CommitIndex;
    }

    private static List<ReadState> ReadStates(NodeHarness harness) => harness.Readies.SelectMany(r => r.ReadStates).ToList();

    [Fact]
    public void ReadsBetweenReadies_ShareOneHeartbeatRound_WhoseQuorumConfirmsThemAll()
    {
        var harness = new NodeHarness();
        harness.ElectSelf();
        var commit = AckNoOp(harness);
        foreach (var context in new long[] { 10, 11, 12 }) Assert.Equal(ReadIndexOutcome.Accepted, harness.Node.ReadIndex(context).Outcome);

        var probes = harness.Drain().Where(m => m.Type == MessageType.Heartbeat).ToArray();

        Assert.Equal([2, 3], probes.Select(m => m.To).Order());
        Assert.All(probes, m => Assert.Equal(12, m.Context));
        harness.Step(new Message { Type = MessageType.HeartbeatResponse, From = 2, To = 1, Term = harness.Node.Term, Context = 12 });
        Assert.Equal([new ReadState(10, commit), new ReadState(11, commit), new ReadState(12, commit)], ReadStates(harness));
    }

    [Fact]
    public void WhileARoundIsInFlight_NewerReadsWaitForItsAnswer_ThenShareTheNextRound()
    {
        var harness = new NodeHarness();
        harness.ElectSelf();
        var commit = AckNoOp(harness);
        harness.Node.ReadIndex(10);
        Assert.All(harness.Drain().Where(m => m.Type == MessageType.Heartbeat), m => Assert.Equal(10, m.Context));

        harness.Node.ReadIndex(11);
        harness.Node.ReadIndex(12);
        Assert.False(harness.Node.HasReady);
        Assert.Empty(harness.Drain());

        harness.Node.Step(new Message { Type = MessageType.HeartbeatResponse, From = 2, To = 1, Term = harness.Node.Term, Context = 10 });
        var next = harness.Drain().Where(m => m.Type == MessageType.Heartbeat).ToArray();

        Assert.Equal([new ReadState(10, commit)], ReadStates(harness));
        Assert.Equal([2, 3], next.Select(m => m.To).Order());
        Assert.All(next, m => Assert.Equal(12, m.Context));
        harness.Step(new Message { Type = MessageType.HeartbeatResponse, From = 3, To = 1, Term = harness.Node.Term, Context = 12 });
        Assert.Equal([new ReadState(10, commit), new ReadState(11, commit), new ReadState(12, commit)], ReadStates(harness));
    }

    [Fact]
    public void ARoundWhoseMessagesWereLost_LeavesAgainWithTheNextHeartbeat()
    {
        var harness = new NodeHarness();
        harness.ElectSelf();
        var commit = AckNoOp(harness);
        harness.Node.ReadIndex(10);
        harness.Drain();
        harness.Node.ReadIndex(11);

        harness.Node.Tick();
        var heartbeats = harness.Drain().Where(m => m.Type == MessageType.Heartbeat).ToArray();

        Assert.Equal([2, 3], heartbeats.Select(m => m.To).Order());
        Assert.All(heartbeats, m => Assert.Equal(11, m.Context));
        harness.Step(new Message { Type = MessageType.HeartbeatResponse, From = 2, To = 1, Term = harness.Node.Term, Context = 11 });
        Assert.Equal([new ReadState(10, commit), new ReadState(11, commit)], ReadStates(harness));
        Assert.Empty(harness.Drain());
    }

    [Fact]
    public void Follower_NamesTheLeader()
    {
        var harness = new NodeHarness(id: 2);
        harness.Step(new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 1 });
        Assert.Equal((ReadIndexOutcome.NotLeader, 1), harness.Node.ReadIndex(7));
    }

    [Fact]
    public void Leader_AnswersOnlyAfterAQuorumConfirmsIt()
    {
        var harness = new NodeHarness();
        harness.ElectSelf();
        var commit = AckNoOp(harness);
        Assert.Equal(ReadIndexOutcome.Accepted, harness.Node.ReadIndex(42).Outcome);
        var probes = harness.Drain().Where(m => m is { Type: MessageType.Heartbeat, Context: 42 }).ToArray();
        Assert.Equal(2, probes.Length);
        Assert.Empty(ReadStates(harness));

        harness.Step(new Message { Type = MessageType.HeartbeatResponse, From = 3, To = 1, Term = harness.Node.Term, Context = 42 });
        Assert.Equal([new ReadState(42, commit)], ReadStates(harness));
    }

    [Fact]
    public void NewLeader_HoldsReadsUntilItsTermCommits()
    {
        var harness = new NodeHarness(persisted: new PersistedState(new HardState(1, 0, 0), NodeHarness.Log(1, 1)));
        harness.ElectSelf();
        Assert.Equal(ReadIndexOutcome.Accepted, harness.Node.ReadIndex(5).Outcome);
        Assert.DoesNotContain(harness.Drain(), m => m.Context == 5);

        var commit = AckNoOp(harness);
        Assert.Contains(harness.Sent, m => m is { Type: MessageType.Heartbeat, Context: 5 });
        harness.Step(new Message { Type = MessageType.HeartbeatResponse, From = 2, To = 1, Term = harness.Node.Term, Context = 5 });
        Assert.Equal([new ReadState(5, commit)], ReadStates(harness));
    }

    [Fact]
    public void LeaderDeposedBeforeConfirmation_AnswersNothing()
    {
        var harness = new NodeHarness();
        harness.ElectSelf();
        AckNoOp(harness);
        harness.Node.ReadIndex(9);
        harness.Step(new Message { Type = MessageType.Append, From = 2, To = 1, Term = harness.Node.Term + 1, Index = 0, LogTerm = 0 });
        harness.Step(new Message { Type = MessageType.HeartbeatResponse, From = 3, To = 1, Term = harness.Node.Term, Context = 9 });
        Assert.Empty(ReadStates(harness));
    }

    [Fact]
    public void ContextMustBeUniqueAndNonZero()
    {
        var harness = new NodeHarness();
        harness.ElectSelf();
        AckNoOp(harness);
        Assert.Equal(ReadIndexOutcome.BadContext, harness.Node.ReadIndex(0).Outcome);
        Assert.Equal(ReadIndexOutcome.Accepted, harness.Node.ReadIndex(3).Outcome);
        Assert.Equal(ReadIndexOutcome.BadContext, harness.Node.ReadIndex(3).Outcome);
    }

    [Fact]
    public void SinglePeer_AnswersAtOnce()
    {
        var harness = new NodeHarness(peers: 1);
        for (var i = 0; i < 40 && harness.Node.Role != RaftRole.Leader; i++) harness.Node.Tick();
        harness.Drain();
        harness.Node.ReadIndex(1);
        harness.Drain();
        Assert.Equal([new ReadState(1, harness.Node.CommitIndex)], ReadStates(harness));
    }
}

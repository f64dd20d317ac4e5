using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Simulator.Checking;
using Raft.Simulator.Checking.Linearizability;

namespace Raft.Tests.Linearizability;

/// <summary>
/// The simulator's history recorder turns cluster events into operations the way a client sees them: a
/// write completes when its proposer applies its (index, term), never happened when another entry lands
/// there, and stays unknown when the proposer crashes or the client gives up; a read completes when the
/// asking peer has applied up to its read index, with that peer's value. Fed a read served from a lagging
/// peer after a newer write was acknowledged, the recorder's check reports a Linearizability violation.
/// </summary>
public sealed class RegisterHistoryRecorderTests
{
    private long _now;

    private RegisterHistory NewHistory(int clients = 4, long timeoutMs = 1000) => new(() => _now, clients, timeoutMs);

    private static Entry EntryOf(long term, long index, string key, string value) =>
        new(term, index, EntryType.Normal, RegisterHistory.Encode(key, value));

    private static void Propose(RegisterHistory history, int peer, long index, long term, string key, string value)
    {
        Assert.True(history.TryTakeClient());
        history.OnProposed(peer, index, term, RegisterHistory.Encode(key, value));
    }

    [Fact]
    public void Write_CompletesWhenItsProposerAppliesItsIndexAndTerm()
    {
        var history = NewHistory();
        _now = 10;
        Propose(history, 1, 1, 1, "k", "a");
        _now = 25;
        history.OnApply(2, EntryOf(1, 1, "k", "a")); // another peer applying tells this client nothing
        Assert.Null(Assert.Single(history.Operations()).Output);
        _now = 30;
        history.OnApply(1, EntryOf(1, 1, "k", "a"));

        var write = Assert.Single(history.Operations());
        Assert.Equal((10L, 30L), (write.InvokeTime, write.CompleteTime));
        Assert.Equal(RegisterOutput.Written, write.Output);
    }

    [Fact]
    public void Write_OverwrittenAtItsIndex_NeverHappened()
    {
        var history = NewHistory();
        Propose(history, 1, 1, 1, "k", "a");
        history.OnApply(1, EntryOf(2, 1, "k", "b"));
        Assert.Empty(history.Operations());
    }

    [Fact]
    public void Write_ProposerCrashes_OutcomeUnknown_AndClientFreed()
    {
        var history = NewHistory(clients: 1);
        Propose(history, 1, 1, 1, "k", "a");
        Assert.False(history.TryTakeClient());
        history.OnCrash(1);
        history.OnApply(1, EntryOf(1, 1, "k", "a")); // re-applied after restart: the client already failed
        Assert.True(Assert.Single(history.Operations()).OutcomeUnknown);
        Assert.True(history.TryTakeClient());
    }

    [Fact]
    public void Client_GivesUpAfterTimeout_AndItsWriteStaysUnknown()
    {
        var history = NewHistory(clients: 1, timeoutMs: 100);
        Propose(history, 1, 1, 1, "k", "a");
        _now = 100;
        Assert.False(history.TryTakeClient());
        _now = 101;
        Assert.True(history.TryTakeClient());
        history.OnApply(1, EntryOf(1, 1, "k", "a"));
        Assert.True(Assert.Single(history.Operations()).OutcomeUnknown);
    }

    [Fact]
    public void Read_AnsweredWhenTheAskingPeerHasAppliedTheReadIndex_WithItsValue()
    {
        var history = NewHistory();
        history.OnApply(1, EntryOf(1, 1, "k", "a"));
        _now = 40;
        Assert.True(history.TryTakeClient());
        history.OnReadAsked(context: 7, peer: 1, key: "k");
        _now = 45;
        history.OnReadIndex(1, new ReadState(7, 2));
        Assert.Empty(history.Operations()); // not answered yet: index 2 is not applied
        _now = 50;
        history.OnApply(1, EntryOf(1, 2, "k", "b"));

        var read = Assert.Single(history.Operations());
        Assert.Equal(new RegisterOutput("b"), read.Output);
        Assert.Equal((40L, 50L), (read.InvokeTime, read.CompleteTime));
    }

    [Fact]
    public void Read_Refused_NeverHappened()
    {
        var history = NewHistory(clients: 1);
        Assert.True(history.TryTakeClient());
        history.OnReadAsked(context: 3, peer: 2, key: "k");
        history.Forget(3);
        Assert.Empty(history.Operations());
        Assert.True(history.TryTakeClient());
    }

    [Fact]
    public void OperationsWithoutAClient_AreNotRecorded()
    {
        var history = NewHistory();
        history.OnProposed(1, 1, 1, RegisterHistory.Encode("k", "a"));
        history.OnReadAsked(context: 1, peer: 1, key: "k");
        Assert.Empty(history.Operations());
    }

    [Fact]
    public void StaleRead_FromALaggingPeer_IsALinearizabilityViolation()
    {
        var history = NewHistory();
        _now = 10;
        Propose(history, 1, 1, 1, "k", "a");
        _now = 20;
        history.OnApply(1, EntryOf(1, 1, "k", "a"));
        history.OnApply(2, EntryOf(1, 1, "k", "a"));
        _now = 30;
        Propose(history, 1, 2, 1, "k", "b");
        _now = 40;
        history.OnApply(1, EntryOf(1, 2, "k", "b")); // acknowledged: "b" is the value from now on
        Assert.Null(history.Check());

        // A deposed leader answers a read from its own commit index without asking a quorum.
        _now = 50;
        Assert.True(history.TryTakeClient());
        history.OnReadAsked(context: 9, peer: 2, key: "k");
        history.OnReadIndex(2, new ReadState(9, 1));

        var violation = history.Check();
        Assert.NotNull(violation);
        Assert.Equal(RaftProperty.Linearizability, violation.Property);
        Assert.Contains("key k", violation.Detail, StringComparison.Ordinal);
        Assert.Equal(Verdict.Illegal, history.LastResult);
    }
}

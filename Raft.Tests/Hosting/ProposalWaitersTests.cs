using Raft.Core.Messages;
using Raft.Grains;

namespace Raft.Tests.Hosting;

/// <summary>
/// Proves a proposal's caller is answered by index AND term: the entry applied at its index with its term
/// completes it with the result, another term completes it LeadershipLost, a leader's snapshot restored past
/// its index completes it Unknown (its entry is never applied here), and nothing completes before the grain
/// hands out the decided replies after the whole Ready is processed.
/// </summary>
public sealed class ProposalWaitersTests
{
    [Fact]
    public async Task AppliedWithSameTerm_CompletesWithResult_OnlyAfterCompleteDecided()
    {
        var waiters = new ProposalWaiters();
        var reply = waiters.Add(index: 7, term: 3);

        waiters.OnApplied(new Entry(3, 7, EntryType.Normal, "cmd"u8.ToArray()), "result"u8.ToArray());
        Assert.False(reply.IsCompleted, "answered before the Ready was advanced");

        waiters.CompleteDecided();
        var answer = await reply;
        Assert.Equal(ProposeStatus.Applied, answer.Status);
        Assert.Equal((7L, 3L), (answer.Index, answer.Term));
        Assert.Equal("result"u8.ToArray(), answer.Result.ToArray());
        Assert.Equal(0, waiters.Count);
    }

    [Fact]
    public async Task AppliedWithOtherTerm_IsLeadershipLost()
    {
        var waiters = new ProposalWaiters();
        var reply = waiters.Add(index: 7, term: 3);

        waiters.OnApplied(new Entry(4, 7, EntryType.NoOp, ReadOnlyMemory<byte>.Empty), ReadOnlyMemory<byte>.Empty);
        waiters.CompleteDecided();

        Assert.Equal(ProposeStatus.LeadershipLost, (await reply).Status);
    }

    [Fact]
    public async Task OtherIndexes_DoNotComplete_FailAllAnswersUnknown()
    {
        var waiters = new ProposalWaiters();
        var reply = waiters.Add(index: 7, term: 3);

        waiters.OnApplied(new Entry(3, 6, EntryType.Normal, "a"u8.ToArray()), ReadOnlyMemory<byte>.Empty);
        waiters.CompleteDecided();
        Assert.False(reply.IsCompleted);

        waiters.FailAll(ProposeStatus.Unknown);
        Assert.Equal(ProposeStatus.Unknown, (await reply).Status);
    }

    [Fact]
    public async Task SnapshotRestored_FailsWaitersAtOrBelowItsIndexUnknown_LaterOnesStillGetTheirResult()
    {
        var waiters = new ProposalWaiters();
        var below = waiters.Add(index: 5, term: 2);
        var at = waiters.Add(index: 8, term: 2);
        var above = waiters.Add(index: 9, term: 2);

        waiters.OnSnapshotRestored(8);
        Assert.False(below.IsCompleted, "answered before the Ready was advanced");
        waiters.CompleteDecided();

        Assert.Equal((ProposeStatus.Unknown, 5L, 2L), ((await below).Status, (await below).Index, (await below).Term));
        Assert.Equal((ProposeStatus.Unknown, 8L, 2L), ((await at).Status, (await at).Index, (await at).Term));
        Assert.False(above.IsCompleted);
        Assert.Equal(1, waiters.Count);

        waiters.OnApplied(new Entry(2, 9, EntryType.Normal, "c"u8.ToArray()), "r"u8.ToArray());
        waiters.CompleteDecided();
        Assert.Equal(ProposeStatus.Applied, (await above).Status);
    }
}

using Raft.Grains;
using Raft.Grains.Client;

namespace Raft.Tests.Grains;

/// <summary>
/// Proves how a silo groups its proposals to one peer: a lone proposal leaves at once; while the lane is full
/// of unanswered batches the rest wait and leave together, in order, within the count and byte bounds; each
/// caller gets its own reply; a failed call fails its whole batch and nothing else; a refused batch is
/// Rejected per command; a caller that stops waiting before its batch leaves is left out of it; and past the
/// waiting bound a proposal is Dropped at once. The peer is a stand-in answered by hand, so nothing waits on
/// time.
/// </summary>
public sealed class ProposalBatcherTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// The batches sent so far, each answered when the test says. Answers complete inline, so the batcher has
    /// sent its next batch by the time an answer returns: the tests assert at once, with no polling.
    /// </summary>
    private sealed class FakePeer
    {
        public List<(int Peer, byte[][] Commands, TaskCompletionSource<ProposeReply[]> Answer)> Calls { get; } = [];

        public Task<ProposeReply[]> SendAsync(int peer, byte[][] commands)
        {
            var answer = new TaskCompletionSource<ProposeReply[]>();
            lock (Calls) Calls.Add((peer, commands, answer));
            return answer.Task;
        }

        /// <summary>Answers call <paramref name="call"/> with each command applied at index 100 + its first byte.</summary>
        public void Apply(int call)
        {
            var commands = Calls[call].Commands;
            Calls[call].Answer.SetResult(Array.ConvertAll(commands, c => ProposeReply.Applied(100 + c[0], 1, c)));
        }
    }

    private static byte[] Command(int n, int size = 1)
    {
        var bytes = new byte[size];
        bytes[0] = (byte)n;
        return bytes;
    }

    [Fact]
    public async Task LoneProposal_LeavesAtOnce_AndGetsItsReply()
    {
        var peer = new FakePeer();
        var batcher = new ProposalBatcher(peer.SendAsync, new ProposalBatchLimits());

        var reply = batcher.ProposeAsync(7, Command(1), Token);

        Assert.Single(peer.Calls);
        Assert.Equal(7, peer.Calls[0].Peer);
        peer.Apply(0);
        Assert.Equal(101, (await reply).Index);
    }

    [Fact]
    public async Task WhileTheLaneIsFull_ProposalsWait_ThenLeaveTogetherInOrder()
    {
        var peer = new FakePeer();
        var batcher = new ProposalBatcher(peer.SendAsync, new ProposalBatchLimits { MaxInFlight = 2 });

        var first = batcher.ProposeAsync(1, Command(1), Token);
        var second = batcher.ProposeAsync(1, Command(2), Token);
        var waiting = Enumerable.Range(3, 5).Select(n => batcher.ProposeAsync(1, Command(n), Token)).ToArray();

        Assert.Equal(2, peer.Calls.Count);
        Assert.Equal((5, 2), batcher.LaneOf(1));
        peer.Apply(0);
        Assert.Equal(3, peer.Calls.Count);

        Assert.Equal([3, 4, 5, 6, 7], peer.Calls[2].Commands.Select(c => (int)c[0]));
        peer.Apply(2);
        peer.Apply(1);
        Assert.Equal(101, (await first).Index);
        Assert.Equal(102, (await second).Index);
        Assert.Equal([103, 104, 105, 106, 107], (await Task.WhenAll(waiting)).Select(r => r.Index));
        Assert.Equal((0, 0), batcher.LaneOf(1));
    }

    [Fact]
    public void LanesArePerPeer()
    {
        var peer = new FakePeer();
        var batcher = new ProposalBatcher(peer.SendAsync, new ProposalBatchLimits { MaxInFlight = 1 });

        _ = batcher.ProposeAsync(1, Command(1), Token);
        _ = batcher.ProposeAsync(2, Command(2), Token);

        Assert.Equal([1, 2], peer.Calls.Select(c => c.Peer));
    }

    [Fact]
    public async Task BatchesKeepToTheirCountAndByteBounds_AndALargeCommandStillLeavesAlone()
    {
        var peer = new FakePeer();
        var batcher = new ProposalBatcher(peer.SendAsync, new ProposalBatchLimits { MaxInFlight = 1, MaxCommands = 3, MaxBytes = 100 });

        _ = batcher.ProposeAsync(1, Command(0), Token);
        var replies = new List<Task<ProposeReply>>();
        foreach (var (n, size) in new[] { (1, 10), (2, 10), (3, 10), (4, 10), (5, 60), (6, 500), (7, 10) })
        {
            replies.Add(batcher.ProposeAsync(1, Command(n, size), Token));
        }
        for (var call = 0; call < 5; call++)
        {
            Assert.True(peer.Calls.Count > call);
            peer.Apply(call);
        }

        Assert.Equal(
            [[0], [1, 2, 3], [4, 5], [6], [7]],
            peer.Calls.Select(c => c.Commands.Select(b => (int)b[0]).ToArray()));
        await Task.WhenAll(replies);
    }

    [Fact]
    public async Task AFailedCall_FailsItsWholeBatch_AndTheNextBatchStillLeaves()
    {
        var peer = new FakePeer();
        var batcher = new ProposalBatcher(peer.SendAsync, new ProposalBatchLimits { MaxInFlight = 1 });

        var first = batcher.ProposeAsync(1, Command(1), Token);
        var second = batcher.ProposeAsync(1, Command(2), Token);
        var third = batcher.ProposeAsync(1, Command(3), Token);
        peer.Calls[0].Answer.SetException(new PeerUnreachableException(1, "cut"));
        Assert.Equal(2, peer.Calls.Count);
        peer.Calls[1].Answer.SetException(new PeerUnreachableException(1, "cut again"));

        await Assert.ThrowsAsync<PeerUnreachableException>(() => first);
        Assert.EndsWith("cut again", (await Assert.ThrowsAsync<PeerUnreachableException>(() => second)).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<PeerUnreachableException>(() => third);
        Assert.Equal((0, 0), batcher.LaneOf(1));
        _ = batcher.ProposeAsync(1, Command(4), Token);
        Assert.Equal(3, peer.Calls.Count);
    }

    [Fact]
    public async Task ABatchRefusedWhole_IsRejectedForEachCommand()
    {
        var peer = new FakePeer();
        var batcher = new ProposalBatcher(peer.SendAsync, new ProposalBatchLimits());

        var reply = batcher.ProposeAsync(1, Command(1), Token);
        peer.Calls[0].Answer.SetResult([]);

        Assert.Equal(ProposeStatus.Rejected, (await reply).Status);
    }

    [Fact]
    public async Task ACallerThatStopsWaiting_IsCancelledAtOnce_AndLeftOutOfTheNextBatch()
    {
        var peer = new FakePeer();
        var batcher = new ProposalBatcher(peer.SendAsync, new ProposalBatchLimits { MaxInFlight = 1 });
        using var gone = new CancellationTokenSource();

        _ = batcher.ProposeAsync(1, Command(1), Token);
        var leaving = batcher.ProposeAsync(1, Command(2), gone.Token);
        var staying = batcher.ProposeAsync(1, Command(3), Token);
        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        peer.Apply(0);
        Assert.Equal(2, peer.Calls.Count);
        Assert.Equal([3], peer.Calls[1].Commands.Select(c => (int)c[0]));
        peer.Apply(1);
        Assert.Equal(103, (await staying).Index);
    }

    [Fact]
    public async Task PastTheWaitingBound_AProposalIsDroppedAtOnce()
    {
        var peer = new FakePeer();
        var batcher = new ProposalBatcher(peer.SendAsync, new ProposalBatchLimits { MaxInFlight = 1, MaxWaiting = 2 });

        _ = batcher.ProposeAsync(1, Command(1), Token);
        _ = batcher.ProposeAsync(1, Command(2), Token);
        _ = batcher.ProposeAsync(1, Command(3), Token);
        var over = batcher.ProposeAsync(1, Command(4), Token);

        Assert.Equal(ProposeStatus.Dropped, (await over).Status);
        Assert.Equal((2, 1), batcher.LaneOf(1));
        Assert.Single(peer.Calls);
    }
}

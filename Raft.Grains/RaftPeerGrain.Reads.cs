using Raft.Core.Node;

namespace Raft.Grains;

/// <summary>
/// Reads on the ReadIndex path (dissertation §6.4): ask the node for a read index, wait until a quorum
/// confirms it and this peer has applied that far, then query the state machine in a turn. Reads never go
/// through the log, so they cost a heartbeat round, not a disk write.
/// </summary>
public sealed partial class RaftPeerGrain
{
    private sealed class PendingRead(long context)
    {
        public long Context { get; } = context;
        /// <summary>-1 until the node confirms the read index.</summary>
        public long Index { get; set; } = -1;
        public TaskCompletionSource<ReadStatus> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly Dictionary<long, PendingRead> _reads = [];
    private long _lastReadContext;

    public async Task<ReadReply<T>> ReadAsync<T>(Func<IReplicatedStateMachine, T> query, bool linearizable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (linearizable)
        {
            var (status, leaderHint, done) = await runtime.EnqueueTurnAsync(ReadIndexTurnAsync).ConfigureAwait(false);
            if (status != ReadStatus.Completed) return ReadReply<T>.Failed(status, leaderHint);
            try
            {
                status = await done!.WaitAsync(settings.ProposeTimeout, runtime.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return ReadReply<T>.Failed(ReadStatus.Timeout);
            }
            if (status != ReadStatus.Completed) return ReadReply<T>.Failed(status, Node.Leader);
        }
        // Any state at or after the read index is a correct answer: the read's linearization point may sit
        // anywhere between its confirmation and now.
        return await runtime.EnqueueTurnAsync(async ct =>
        {
            ThrowIfFaulted();
            var value = query(stateMachine);
            await AfterTurnAsync(ct).ConfigureAwait(false);
            return ReadReply<T>.Completed(value);
        }).ConfigureAwait(false);
    }

    private async Task<(ReadStatus Status, int LeaderHint, Task<ReadStatus>? Done)> ReadIndexTurnAsync(CancellationToken cancellationToken)
    {
        if (_fault is not null) return (ReadStatus.Unavailable, 0, null);
        var context = ++_lastReadContext;
        var (outcome, leaderHint) = Node.ReadIndex(context);
        if (outcome != ReadIndexOutcome.Accepted) return (ReadStatus.NotLeader, leaderHint, null);
        var read = new PendingRead(context);
        _reads[context] = read;
        await AfterTurnAsync(cancellationToken).ConfigureAwait(false);
        return (ReadStatus.Completed, 0, read.Done.Task);
    }

    /// <summary>Called by the driver with each confirmed read index.</summary>
    public void OnReadIndex(ReadState state)
    {
        if (_reads.TryGetValue(state.Context, out var read)) read.Index = state.Index;
    }

    /// <summary>
    /// After every turn: answer confirmed reads this peer has applied far enough for, and fail unconfirmed
    /// ones once it no longer leads (the node dropped them when it stepped down).
    /// </summary>
    private void SettleReads()
    {
        if (_reads.Count == 0) return;
        var applied = _applier?.LastApplied ?? 0;
        var leading = Node.Role == RaftRole.Leader;
        foreach (var read in _reads.Values.ToArray())
        {
            if (read.Index >= 0 && read.Index <= applied) Settle(read, ReadStatus.Completed);
            else if (read.Index < 0 && !leading) Settle(read, ReadStatus.NotLeader);
        }
    }

    private void FailAllReads(ReadStatus status)
    {
        foreach (var read in _reads.Values.ToArray()) Settle(read, status);
    }

    private void Settle(PendingRead read, ReadStatus status)
    {
        _reads.Remove(read.Context);
        read.Done.TrySetResult(status);
    }
}

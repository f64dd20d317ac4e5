using Raft.Core.Driver;
using Raft.Core.Node;
using Raft.Grains.Client;

namespace Raft.Grains;

/// <summary>
/// Reads on the ReadIndex path (dissertation §6.4): ask the node for a read index, wait until a quorum
/// confirms it and this peer has applied that far, then query the state machine. Reads never go through
/// the log, so they cost a heartbeat round, not a disk write.
/// </summary>
public sealed partial class RaftPeerGrain
{
    private sealed class PendingRead(long context) : IReadIndexSink
    {
        public long Context { get; } = context;
        /// <summary>-1 until the node confirms the read index.</summary>
        public long Index { get; set; } = -1;
        public TaskCompletionSource<ReadStatus> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnReadIndex(ReadState state) => Index = state.Index;
    }

    /// <summary>Hands the driver's confirmed read indexes to the reads waiting for them.</summary>
    private sealed class ReadIndexSink(Dictionary<long, PendingRead> reads) : IReadIndexSink
    {
        public void OnReadIndex(ReadState state)
        {
            if (reads.TryGetValue(state.Context, out var read)) read.OnReadIndex(state);
        }
    }

    private readonly Dictionary<long, PendingRead> _reads = [];
    private long _lastReadContext;

    private IReadIndexSink AsReadIndexSink() => new ReadIndexSink(_reads);

    public async Task<ReadReply> ReadAsync(ReadQuery query, bool linearizable, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (OutOfService) return ReadReply.Failed(ReadStatus.Unavailable);
        if (linearizable)
        {
            // Synchronous up to the first await, like every turn of this grain.
            var context = ++_lastReadContext;
            var (outcome, leaderHint) = Node.ReadIndex(context);
            if (outcome != ReadIndexOutcome.Accepted) return ReadReply.Failed(ReadStatus.NotLeader, leaderHint);
            var read = new PendingRead(context);
            _reads[context] = read;
            Kick();
            ReadStatus status;
            try
            {
                status = await read.Done.Task.WaitAsync(Settings.ProposeTimeout, timeProvider, cancellationToken).ConfigureAwait(true);
            }
            catch (TimeoutException)
            {
                _reads.Remove(context);
                return ReadReply.Failed(ReadStatus.Timeout);
            }
            catch (OperationCanceledException)
            {
                _reads.Remove(context);
                throw;
            }
            if (status != ReadStatus.Completed) return ReadReply.Failed(status, Node.Leader);
        }
        // Any state at or after the read index is a correct answer: the read's linearization point may sit
        // anywhere between its confirmation and now.
        Metrics.RaftMetrics.Read(PeerId, linearizable);
        return ReadReply.Completed(query.Run(_stateMachine!));
    }

    /// <summary>
    /// After every Ready: answer confirmed reads this peer has applied far enough for, and fail unconfirmed
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

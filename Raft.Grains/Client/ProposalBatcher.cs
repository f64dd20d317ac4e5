namespace Raft.Grains.Client;

/// <summary>
/// Group commit across client requests: a silo's proposals to one peer travel as batches, one grain call and
/// one peer turn for many commands, so the leader appends them as one run of entries and sends its followers
/// one append for all of them instead of one each. A lone proposal goes at once; while
/// <see cref="ProposalBatchLimits.MaxInFlight"/> batches to that peer are unanswered, the proposals that arrive
/// wait and leave together in the next batch when one is answered. Proposals forwarded from a follower's
/// silo ride the same batches.
/// </summary>
/// <remarks>
/// A caller that stops waiting gets its cancellation at once; its command still travels if its batch was
/// taken, which the client's session makes harmless (dissertation §6.3). A failed call fails every command
/// of its batch with the same exception.
/// </remarks>
public sealed class ProposalBatcher(Func<int, byte[][], Task<ProposeReply[]>> send, ProposalBatchLimits limits)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, Lane> _lanes = [];

    private sealed class Lane
    {
        public Queue<Pending> Waiting { get; } = new();

        public int InFlight { get; set; }
    }

    private sealed record Pending(byte[] Command, TaskCompletionSource<ProposeReply> Reply, CancellationToken Token);

    /// <summary>Proposes <paramref name="command"/> at <paramref name="peerId"/> in the next batch to it; Dropped when too many already wait.</summary>
    public Task<ProposeReply> ProposeAsync(int peerId, byte[] command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var pending = new Pending(command, new TaskCompletionSource<ProposeReply>(TaskCreationOptions.RunContinuationsAsynchronously), cancellationToken);
        Pending[]? batch;
        lock (_lock)
        {
            if (!_lanes.TryGetValue(peerId, out var lane)) _lanes[peerId] = lane = new Lane();
            if (lane.Waiting.Count >= limits.MaxWaiting) return Task.FromResult(ProposeReply.Refused(ProposeStatus.Dropped, 0));
            lane.Waiting.Enqueue(pending);
            batch = TakeBatch(lane);
        }
        if (batch is not null) _ = SendAsync(peerId, batch);
        return pending.Reply.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Proposals waiting for a batch to <paramref name="peerId"/>, and that peer's unanswered batches.</summary>
    public (int Waiting, int InFlight) LaneOf(int peerId)
    {
        lock (_lock) return _lanes.TryGetValue(peerId, out var lane) ? (lane.Waiting.Count, lane.InFlight) : (0, 0);
    }

    /// <summary>Sends <paramref name="first"/>, then, as each answer comes, whatever waits by then, until nothing does.</summary>
    private async Task SendAsync(int peerId, Pending[] first)
    {
        for (var batch = (Pending[]?)first; batch is not null;)
        {
            try
            {
                var replies = await send(peerId, Array.ConvertAll(batch, p => p.Command)).ConfigureAwait(false);
                for (var i = 0; i < batch.Length; i++)
                {
                    // A peer answers every command of a batch in order; any other answer refused the batch whole.
                    var reply = replies is { } all && all.Length == batch.Length ? all[i] : null;
                    batch[i].Reply.TrySetResult(reply ?? ProposeReply.Refused(ProposeStatus.Rejected, 0));
                }
            }
            catch (Exception e)
            {
                foreach (var pending in batch) pending.Reply.TrySetException(e);
            }
            lock (_lock)
            {
                var lane = _lanes[peerId];
                lane.InFlight--;
                batch = TakeBatch(lane);
            }
        }
    }

    /// <summary>The next batch for the lane, or null when it is full of unanswered batches or nothing waits. Under the lock.</summary>
    private Pending[]? TakeBatch(Lane lane)
    {
        if (lane.InFlight >= limits.MaxInFlight) return null;
        List<Pending>? batch = null;
        long bytes = 0;
        while (lane.Waiting.TryPeek(out var next) && (batch is null || (batch.Count < limits.MaxCommands && bytes + next.Command.Length <= limits.MaxBytes)))
        {
            lane.Waiting.Dequeue();
            // Nobody waits for it any more, and nothing of it was sent: leave it out.
            if (next.Token.IsCancellationRequested) continue;
            (batch ??= []).Add(next);
            bytes += next.Command.Length;
        }
        if (batch is null) return null;
        lane.InFlight++;
        return [.. batch];
    }
}

using Raft.Core.Messages;

namespace Raft.Grains;

/// <summary>
/// Callers waiting for their proposals to apply, keyed by log index. A waiter completes when the entry at
/// its index is applied: with the result when the applied entry has the waiter's term, with
/// <see cref="ProposeStatus.LeadershipLost"/> when it has another (the proposal was overwritten), with
/// <see cref="ProposeStatus.Unknown"/> when a leader's snapshot replaced the state past it.
/// Used only from the owning grain's turns, so it needs no lock.
/// </summary>
public sealed class ProposalWaiters
{
    // Invariant: at most one waiter per index; its term is the term the proposal was appended in.
    private readonly Dictionary<long, Waiter> _byIndex = [];
    // Replies decided while applying, handed out after the Ready is fully processed.
    private readonly List<(TaskCompletionSource<ProposeReply> Completion, ProposeReply Reply)> _decided = [];

    public int Count => _byIndex.Count;

    /// <summary>Registers a proposal appended at (index, term) and returns the task its caller waits on.</summary>
    public Task<ProposeReply> Add(long index, long term)
    {
        // A waiter already at this index was appended in an older term and has been truncated away, or
        // this leader could not propose at the same index again: it is lost for good.
        if (_byIndex.Remove(index, out var stale))
        {
            _decided.Add((stale.Completion, ProposeReply.Failed(ProposeStatus.LeadershipLost, index, stale.Term)));
        }
        var completion = new TaskCompletionSource<ProposeReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _byIndex[index] = new Waiter(term, completion);
        return completion.Task;
    }

    /// <summary>Records that the entry at entry.Index was applied with <paramref name="result"/>.</summary>
    public void OnApplied(Entry entry, ReadOnlyMemory<byte> result)
    {
        if (!_byIndex.Remove(entry.Index, out var waiter)) return;
        var reply = waiter.Term == entry.Term
            ? ProposeReply.Applied(entry.Index, entry.Term, result)
            : ProposeReply.Failed(ProposeStatus.LeadershipLost, entry.Index, waiter.Term);
        _decided.Add((waiter.Completion, reply));
    }

    /// <summary>
    /// A snapshot from the leader replaced the state through <paramref name="index"/> (Raft §7): the entries
    /// at or below it are never applied here, so this peer cannot tell whether a waiter's command is among
    /// them. Each such waiter is decided <see cref="ProposeStatus.Unknown"/>; the client's session makes a
    /// retry safe. Waiters above the index still learn their result when their entry applies.
    /// </summary>
    public void OnSnapshotRestored(long index)
    {
        foreach (var (waiting, waiter) in _byIndex.Where(w => w.Key <= index).ToArray())
        {
            _byIndex.Remove(waiting);
            _decided.Add((waiter.Completion, ProposeReply.Failed(ProposeStatus.Unknown, waiting, waiter.Term)));
        }
    }

    /// <summary>Completes the callers decided since the last call. Run after the Ready is advanced, so a caller that reads status sees its entry applied.</summary>
    public void CompleteDecided()
    {
        foreach (var (completion, reply) in _decided) completion.TrySetResult(reply);
        _decided.Clear();
    }

    /// <summary>Forgets a waiter whose caller stopped waiting (timeout or cancellation).</summary>
    public void Abandon(long index, long term)
    {
        if (_byIndex.TryGetValue(index, out var waiter) && waiter.Term == term) _byIndex.Remove(index);
    }

    /// <summary>Completes every waiter with <paramref name="status"/>: the peer stops and will not learn their outcome.</summary>
    public void FailAll(ProposeStatus status)
    {
        foreach (var (index, waiter) in _byIndex)
        {
            _decided.Add((waiter.Completion, ProposeReply.Failed(status, index, waiter.Term)));
        }
        _byIndex.Clear();
        CompleteDecided();
    }

    private readonly record struct Waiter(long Term, TaskCompletionSource<ProposeReply> Completion);
}

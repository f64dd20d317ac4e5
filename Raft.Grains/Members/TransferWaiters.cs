using Raft.Core.Node;

namespace Raft.Grains.Members;

/// <summary>
/// Callers waiting for a leadership transfer they asked this leader for. After every Ready the grain tells
/// it who leads as this peer sees it; a waiter completes once this peer follows the target, and fails once
/// the leader gave the transfer up (still leading, no transferee) or another peer took over. A plain class,
/// so the decision is testable without Orleans; used only from the owning grain's turns, so it has no lock.
/// </summary>
public sealed class TransferWaiters
{
    private readonly List<(int Target, TaskCompletionSource<TransferReply> Completion)> _waiting = [];

    public int Count => _waiting.Count;

    /// <summary>Registers a caller waiting for <paramref name="target"/> to lead.</summary>
    public Task<TransferReply> Add(int target)
    {
        var completion = new TaskCompletionSource<TransferReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting.Add((target, completion));
        return completion.Task;
    }

    /// <summary>Settles every waiter the node's current view decides.</summary>
    public void Settle(RaftRole role, int leader, int transferee)
    {
        for (var i = _waiting.Count - 1; i >= 0; i--)
        {
            var (target, completion) = _waiting[i];
            TransferReply? reply = role == RaftRole.Leader
                // Still leading: only a transfer the node dropped (an election timeout passed, or the target left) is decided.
                ? transferee == target ? null : new TransferReply(TransferStatus.Timeout, leader)
                : leader == target ? new TransferReply(TransferStatus.Completed, target)
                : leader != 0 ? new TransferReply(TransferStatus.OtherLeader, leader)
                // Between leaders (the target is campaigning): not decided yet.
                : null;
            if (reply is null) continue;
            _waiting.RemoveAt(i);
            completion.TrySetResult(reply);
        }
    }

    /// <summary>Forgets a waiter whose caller stopped waiting.</summary>
    public void Abandon(Task<TransferReply> waiter) => _waiting.RemoveAll(w => w.Completion.Task == waiter);

    /// <summary>Completes every waiter with <paramref name="status"/>: the peer stops.</summary>
    public void FailAll(TransferStatus status)
    {
        var waiting = _waiting.ToArray();
        _waiting.Clear();
        foreach (var (_, completion) in waiting) completion.TrySetResult(new TransferReply(status, 0));
    }
}

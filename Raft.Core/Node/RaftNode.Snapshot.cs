using Raft.Core.Messages;
using Raft.Core.Progress;
using Raft.Core.Snapshots;

namespace Raft.Core.Node;

/// <summary>
/// InstallSnapshot (Raft §7): a follower whose next entry the leader has compacted away gets the leader's
/// latest snapshot in chunks, a window of them in flight, each acknowledged with the offset the follower
/// expects next. A refused chunk is answered with that offset, and the leader resends from there; a stall
/// resends from the last acknowledged offset. The follower installs only a complete snapshot.
/// </summary>
public sealed partial class RaftNode
{
    private void StartSnapshot(int peer, FollowerProgress progress)
    {
        var snapshot = _snapshot ?? throw new RaftInvariantException($"the log is compacted to {_log.CompactedIndex} but no snapshot is held");
        progress.BecomeSnapshot(snapshot.Index);
        PumpSnapshot(peer, progress);
    }

    /// <summary>Sends chunks from the follower's send offset while the window allows.</summary>
    private void PumpSnapshot(int peer, FollowerProgress progress)
    {
        var snapshot = _snapshot!;
        if (progress.PendingSnapshot != snapshot.Index)
        {
            // A newer snapshot replaced the one being sent: start over with it.
            progress.BecomeSnapshot(snapshot.Index);
        }
        var window = (long)_config.SnapshotChunkBytes * _config.MaxInflightSnapshotChunks;
        while (!progress.SnapshotAllSent && progress.SnapshotSent - progress.SnapshotAcked < window)
        {
            var chunk = SnapshotChunk.Of(snapshot, progress.SnapshotSent, _config.SnapshotChunkBytes);
            progress.SnapshotChunkSent(chunk.Offset + chunk.Data.Length, chunk.IsLast);
            Send(new Message { Type = MessageType.Snapshot, From = Id, To = peer, Term = Term, Index = snapshot.Index, LogTerm = snapshot.Term, Snapshot = chunk });
        }
    }

    private StepOutcome HandleSnapshotResponse(int peer, FollowerProgress progress, Message m)
    {
        if (progress.State != ReplicationState.Snapshot || m.Index != progress.PendingSnapshot) return StepOutcome.NotApplicable;
        if (m.RejectHint > _snapshot!.Data.Length) return StepOutcome.Malformed;
        progress.SnapshotAcknowledged(m.RejectHint, resend: m.Reject);
        PumpSnapshot(peer, progress);
        return StepOutcome.Accepted;
    }

    /// <summary>On each leader tick: a follower that acknowledged no chunk for a while gets the window again.</summary>
    private void TickSnapshots()
    {
        var stallTicks = Math.Max(2, _config.ElectionTicks / 2);
        foreach (var (peer, progress) in _progress)
        {
            if (progress.State != ReplicationState.Snapshot || ++progress.SnapshotIdleTicks < stallTicks) continue;
            progress.SnapshotAcknowledged(progress.SnapshotAcked, resend: true);
            PumpSnapshot(peer, progress);
        }
    }

    private StepOutcome HandleSnapshotChunk(Message m)
    {
        var chunk = m.Snapshot!;
        if (chunk.Metadata.Index <= _log.Committed)
        {
            // We hold all of it already (a duplicate, or a log that caught up meanwhile): say where we are.
            _snapshotReceiver.Reset();
            Send(new Message { Type = MessageType.AppendResponse, From = Id, To = m.From, Term = Term, Index = _log.Committed });
            return StepOutcome.Accepted;
        }
        var (outcome, next, completed) = _snapshotReceiver.Offer(chunk);
        if (completed is not null)
        {
            _log.Restore(completed.Metadata);
            _snapshot = completed;
            _snapshotToInstall = completed;
            SyncMembership();
            Send(new Message { Type = MessageType.AppendResponse, From = Id, To = m.From, Term = Term, Index = completed.Index });
            return StepOutcome.Accepted;
        }
        Send(new Message
        {
            Type = MessageType.SnapshotResponse,
            From = Id,
            To = m.From,
            Term = Term,
            Index = chunk.Metadata.Index,
            RejectHint = next,
            Reject = outcome == ChunkOutcome.Refused,
        });
        return outcome == ChunkOutcome.Refused ? StepOutcome.ChunkRefused : StepOutcome.Accepted;
    }
}

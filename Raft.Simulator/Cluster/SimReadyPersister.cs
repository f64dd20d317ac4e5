using Raft.Core.Driver;
using Raft.Core.Node;
using Raft.Core.Snapshots;

namespace Raft.Simulator.Cluster;

/// <summary>
/// The <see cref="IReadyPersister"/> the production <see cref="ReadyPump"/> writes through in one life of a
/// simulated peer: it writes the Ready to the peer's <see cref="SimDisk"/> as the grain writes to its two
/// stores, in virtual time, and completes the pump's task from the event queue.
/// <list type="bullet">
/// <item>Log entries go to the log store; a hard state whose term or vote changed goes to the hard-state
/// store after them, a seeded gap later, so a crash can fall between the two and lose only the hard state
/// (RaftNode's constructor reconciles that restart).</item>
/// <item>A hard state that changed only in its commit index is not synced: it is deferred and written lazily
/// (with the next hard-state write, or by a background flush), and a crash loses it. Safe because the commit
/// index is not Raft persistent state (Figure 2): a restarted peer relearns it from the leader.</item>
/// <item>A snapshot from the leader is stored with the entries, before them (one log-store step); the peer's
/// own snapshot and the compaction after it are one write of their own, with the same latency.</item>
/// <item>The task completes once every step is durable: at once for a zero-latency disk, else after the
/// peer's disk latency (plus the gap). A crash abandons it: the task never completes, and the pump that
/// awaits it dies with the life.</item>
/// </list>
/// </summary>
internal sealed class SimReadyPersister(SimPeer peer, SimCluster cluster, int incarnation) : IReadyPersister
{
    /// <summary>Longest virtual time a deferred commit waits for the background flush.</summary>
    private const int CommitFlushMaxMs = 100;

    private bool _flushScheduled;

    public DiskWritePhase Phase { get; private set; }

    /// <summary>Writes begun in this life; lets the peer check that a completed write resumed the pump inline.</summary>
    public long WritesBegun { get; private set; }

    public Task PersistAsync(Ready ready)
    {
        if (Phase != DiskWritePhase.Idle) throw new RaftInvariantException($"peer {peer.Id}: a Ready write began while another was {Phase}");
        WritesBegun++;
        cluster.Checker.OnPersist(peer, peer.Node!, ready);
        var disk = peer.Disk;
        var hardState = ready.HardState;
        var writesEntries = ready.Entries.Count > 0 || ready.Snapshot is not null;
        // Term and vote are Raft's persistent state (Figure 2) and must be durable before a message leaves;
        // compared with the disk, not the node, because a reconciled restart resumes ahead of its disk.
        var writesHardState = hardState is { } changed && (changed.Term != disk.HardState.Term || changed.VotedFor != disk.HardState.VotedFor);
        var latencyMs = peer.DiskLatencyMs + cluster.DrawDiskStallMs();
        var gapMs = writesEntries && writesHardState ? 1 + cluster.DiskRandom.Next(latencyMs + 1) : 0;

        void WriteLog()
        {
            if (ready.Snapshot is { } snapshot) disk.WriteSnapshot(snapshot);
            disk.WriteEntries(ready.Entries);
        }

        if ((!writesEntries && !writesHardState) || (latencyMs == 0 && gapMs == 0))
        {
            if (writesEntries) WriteLog();
            if (writesHardState) disk.WriteHardState(hardState!.Value);
            Written(ready, writesHardState);
            return Task.CompletedTask;
        }

        // Without RunContinuationsAsynchronously: SetResult runs the pump's continuation inline, inside the
        // event that completes the write, so the Ready's messages leave at that virtual instant.
        var done = new TaskCompletionSource();
        void Complete()
        {
            Phase = DiskWritePhase.Idle;
            Written(ready, writesHardState);
            peer.ResumePump(done);
        }
        void WriteHardState()
        {
            disk.WriteHardState(hardState!.Value);
            Complete();
        }
        void WriteEntries()
        {
            WriteLog();
            if (!writesHardState)
            {
                Complete();
                return;
            }
            Phase = DiskWritePhase.BetweenStores;
            After(gapMs, WriteHardState);
            cluster.OnBetweenStores(peer, gapMs);
        }

        Phase = writesEntries ? DiskWritePhase.WritingEntries : DiskWritePhase.WritingHardState;
        if (ready.Snapshot is not null) cluster.OnInstallWriteBegun(peer, latencyMs);
        if (writesEntries) After(latencyMs, WriteEntries);
        else After(latencyMs, WriteHardState);
        return done.Task;
    }

    /// <summary>Runs a step of this life's write after a delay (now for 0); never once the peer has crashed.</summary>
    private void After(long delayMs, Action step)
    {
        if (delayMs == 0)
        {
            step();
            return;
        }
        cluster.Events.After(delayMs, () =>
        {
            if (peer.Incarnation == incarnation) step();
        });
    }

    /// <summary>The Ready is as durable as it will be: defer a commit-only change, and let the checker see it.</summary>
    private void Written(Ready ready, bool hardStateWritten)
    {
        // Inputs stepped during the write may already have replaced what it wrote (a new leader's Append
        // truncating a conflicting suffix); the node then writes the replacement in its next Ready.
        if (ready.Entries.Count > 0)
        {
            var last = ready.Entries[^1];
            if (!peer.Node!.TermAt(last.Index).Is(last.Term)) cluster.OnOverwrittenDuringWrite();
        }
        if (ready.HardState is { } hardState && !hardStateWritten)
        {
            peer.Disk.DeferCommit(hardState.Commit);
            ScheduleCommitFlush();
        }
        cluster.Checker.OnReadyWritten(peer, ready);
    }

    private void ScheduleCommitFlush()
    {
        if (_flushScheduled || peer.Disk.DeferredCommit is null) return;
        _flushScheduled = true;
        cluster.Events.After(1 + cluster.DiskRandom.Next(CommitFlushMaxMs), () =>
        {
            if (peer.Incarnation != incarnation) return;
            _flushScheduled = false;
            peer.Disk.FlushDeferredCommit();
        });
    }

    public Task PersistCompactionAsync(Compaction compaction)
    {
        if (Phase != DiskWritePhase.Idle) throw new RaftInvariantException($"peer {peer.Id}: a compaction began while a write was {Phase}");
        WritesBegun++;
        cluster.OnCompaction(peer, compaction);
        void Write()
        {
            // A snapshot installed from the leader meanwhile may be newer; then this one is history.
            if (compaction.Snapshot.Index > (peer.Disk.Snapshot?.Index ?? 0))
            {
                peer.Disk.WriteSnapshot(compaction.Snapshot);
                peer.Disk.Compact(compaction.DropThrough);
            }
        }
        var latencyMs = peer.DiskLatencyMs + cluster.DrawDiskStallMs();
        if (latencyMs == 0)
        {
            Write();
            return Task.CompletedTask;
        }
        var done = new TaskCompletionSource();
        Phase = DiskWritePhase.WritingSnapshot;
        After(latencyMs, () =>
        {
            Write();
            Phase = DiskWritePhase.Idle;
            peer.ResumePump(done);
        });
        return done.Task;
    }
}

using Raft.Core.Driver;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Core.Snapshots;

namespace Raft.Grains.Persistence;

/// <summary>
/// A peer's two stores, kept consistent with Raft's durability rule. The write order of one Ready is:
/// <list type="number">
/// <item>a snapshot received from the leader, when there is one, in one fenced transaction on the log store
/// that also discards a log conflicting with it (Raft §7), synced;</item>
/// <item>the log entries (and any truncation), in one fenced transaction on the log store, synced;</item>
/// <item>then the hard state, when its term or vote changed, conditionally on the grain state's ETag.</item>
/// </list>
/// Only then does the Ready's message leave. A crash after step 1 or 2 leaves a snapshot or entries of a
/// term the hard state has not reached; <see cref="RaftNode"/> resumes from that in the log's term with no
/// vote, which is safe because nothing the lost write promised was sent. The other order would be unsafe: a
/// hard state whose commit index covers entries that a crash then lost. A change of the commit index alone is
/// written at most once per <c>commitFlushInterval</c> (and at deactivation): an older commit index is always
/// safe, also below a snapshot (the node takes the snapshot's index as committed).
/// The peer's own snapshots (<see cref="PersistCompactionAsync"/>) are written between Readies: the snapshot
/// first, then the log prefix it covers is dropped, so a crash between the two only leaves rows to drop later.
/// </summary>
public sealed class PeerPersistence(IHardStateStore hardState, IFencedLogStorage log, TimeProvider timeProvider, TimeSpan commitFlushInterval, int peerId = 0)
    : IReadyPersister
{
    private HardState _durable;
    private HardState? _unwrittenCommit;
    private long _lastWriteTimestamp;

    /// <summary>
    /// Takes the peer over: a new epoch written to the hard state (failing if another activation wrote it
    /// since this one read it), the log claimed with it, then the log and its snapshot loaded.
    /// </summary>
    /// <exception cref="StateMachine.SnapshotCorruptException">the stored snapshot is not one <see cref="SnapshotBlob"/> wrote.</exception>
    public async Task<PersistedState> ActivateAsync(CancellationToken cancellationToken)
    {
        var state = hardState.State;
        state.Epoch++;
        // ConfigureAwait(true) throughout: grain storage is used from the grain's own scheduler.
        await hardState.WriteAsync().ConfigureAwait(true);
        await Task.Run(async () => await log.ClaimAsync(state.Epoch, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(true);
        var (stored, snapshot) = await Task.Run(async () => await LoadAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(true);
        _durable = new HardState(state.Term, state.VotedFor, state.Commit);
        _lastWriteTimestamp = timeProvider.GetTimestamp();
        return stored with { HardState = _durable, Snapshot = snapshot };
    }

    private async Task<(PersistedState State, Snapshot? Snapshot)> LoadAsync(CancellationToken cancellationToken)
    {
        // This activation holds the claim, so nothing writes between the two reads.
        var state = await log.LoadAsync(cancellationToken).ConfigureAwait(false);
        var stored = await log.LoadSnapshotAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = stored is null ? null : SnapshotBlob.Decode(stored);
        return (state, snapshot);
    }

    /// <summary>The peer's own snapshot: stored whole, then the log rows through DropThrough deleted, both off the grain's thread.</summary>
    public async Task PersistCompactionAsync(Compaction compaction)
    {
        ArgumentNullException.ThrowIfNull(compaction);
        await Task.Run(async () =>
        {
            await SaveSnapshotAsync(compaction.Snapshot).ConfigureAwait(false);
            await log.CompactAsync(compaction.DropThrough, CancellationToken.None).ConfigureAwait(false);
        }).ConfigureAwait(true);
    }

    public async Task PersistAsync(Ready ready)
    {
        if (ready.Snapshot is { } snapshot)
        {
            // First, as the Ready contract asks: the entries after it (if any) continue from it. The rows it
            // covers stay until the next compaction drops them (its DropThrough is at or past this index);
            // a load returns only the entries after the snapshot meanwhile.
            await Task.Run(async () => await SaveSnapshotAsync(snapshot).ConfigureAwait(false)).ConfigureAwait(true);
        }
        if (ready.Entries.Count > 0)
        {
            // Off the grain's thread: the SQLite driver blocks through the fsync, and the peer's other turns
            // (ticks, deliveries) should go on meanwhile.
            var entries = ready.Entries;
            var started = timeProvider.GetTimestamp();
            await Task.Run(async () => await log.SaveAsync(null, entries, sync: true, CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(true);
            Metrics.RaftMetrics.LogWritten(peerId, entries.Count, timeProvider.GetElapsedTime(started));
        }
        if (ready.HardState is not { } next) return;
        if (next.Term != _durable.Term || next.VotedFor != _durable.VotedFor)
        {
            await WriteAsync(next).ConfigureAwait(true);
            return;
        }
        _unwrittenCommit = next;
        if (timeProvider.GetElapsedTime(_lastWriteTimestamp) >= commitFlushInterval) await WriteAsync(next).ConfigureAwait(true);
    }

    private ValueTask SaveSnapshotAsync(Snapshot snapshot) =>
        log.SaveSnapshotAsync(snapshot.Index, snapshot.Term, SnapshotBlob.Encode(snapshot), CancellationToken.None);

    /// <summary>Writes a commit index still held back, at deactivation.</summary>
    public async Task FlushAsync()
    {
        if (_unwrittenCommit is { } pending) await WriteAsync(pending).ConfigureAwait(true);
    }

    private async Task WriteAsync(HardState next)
    {
        var state = hardState.State;
        state.Term = next.Term;
        state.VotedFor = next.VotedFor;
        state.Commit = next.Commit;
        await hardState.WriteAsync().ConfigureAwait(true);
        _durable = next;
        _unwrittenCommit = null;
        _lastWriteTimestamp = timeProvider.GetTimestamp();
    }
}

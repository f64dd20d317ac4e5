using Raft.Core.Driver;
using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Grains.Persistence;

/// <summary>
/// A peer's two stores, kept consistent with Raft's durability rule. The write order of one Ready is:
/// <list type="number">
/// <item>the log entries (and any truncation), in one fenced transaction on the log store, synced;</item>
/// <item>then the hard state, when its term or vote changed, conditionally on the grain state's ETag.</item>
/// </list>
/// Only then does the Ready's message leave. A crash after step 1 leaves entries of a term the hard state
/// has not reached; <see cref="RaftNode"/> resumes from that in the log's term with no vote, which is
/// safe because nothing the lost write promised was sent. The other order would be unsafe: a hard state
/// whose commit index covers entries that a crash then lost. A change of the commit index alone is written
/// at most once per <c>commitFlushInterval</c> (and at deactivation): an older commit index is always safe.
/// </summary>
public sealed class PeerPersistence(IHardStateStore hardState, IFencedLogStorage log, TimeProvider timeProvider, TimeSpan commitFlushInterval)
    : IReadyPersister
{
    private HardState _durable;
    private HardState? _unwrittenCommit;
    private long _lastWriteTimestamp;

    /// <summary>
    /// Takes the peer over: a new epoch written to the hard state (failing if another activation wrote it
    /// since this one read it), the log claimed with it, then the log loaded.
    /// </summary>
    public async Task<PersistedState> ActivateAsync(CancellationToken cancellationToken)
    {
        var state = hardState.State;
        state.Epoch++;
        // ConfigureAwait(true) throughout: grain storage is used from the grain's own scheduler.
        await hardState.WriteAsync().ConfigureAwait(true);
        await Task.Run(async () => await log.ClaimAsync(state.Epoch, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(true);
        var stored = await Task.Run(async () => await log.LoadAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(true);
        _durable = new HardState(state.Term, state.VotedFor, state.Commit);
        _lastWriteTimestamp = timeProvider.GetTimestamp();
        return stored with { HardState = _durable };
    }

    public Task PersistCompactionAsync(Raft.Core.Snapshots.Compaction compaction) =>
        throw new NotSupportedException("snapshots are not stored yet");

    public async Task PersistAsync(Ready ready)
    {
        if (ready.Snapshot is not null) throw new NotSupportedException("snapshots are not stored yet");
        if (ready.Entries.Count > 0)
        {
            // Off the grain's thread: the SQLite driver blocks through the fsync, and the peer's other turns
            // (ticks, deliveries) should go on meanwhile.
            var entries = ready.Entries;
            await Task.Run(async () => await log.SaveAsync(null, entries, sync: true, CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(true);
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

using System.Globalization;
using System.Runtime.InteropServices;
using Orleans.Storage;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Grains.Persistence;

namespace Raft.Silo.Storage;

/// <summary>
/// What the SQLite and PostgreSQL peer storages share: argument checks, loading and verification, snapshots
/// and compaction, all in SQL both dialects accept. The hot path, <see cref="WriteAsync"/>, is left to each
/// provider so it can use its fastest batching. One turn at a time uses an instance (the peer's grain).
/// </summary>
internal abstract class AdoPeerStorage : IFencedLogStorage
{
    private readonly PersistedStateReader _reader;

    // Highest index stored as a log row or covered by the snapshot, or null until first read. A save must
    // start at or below LastIndex + 1, or the log would have a hole.
    private long? _lastIndex;

    // The activation epoch this instance claimed the log with, or null when never claimed (then writes are
    // not fenced: tools and tests that use the storage directly).
    private long? _epoch;

    protected AdoPeerStorage(PeerKey key, Func<string, string> describeTable)
    {
        Key = key;
        Checksum = new RecordChecksum(key);
        _reader = new PersistedStateReader(key, Checksum, describeTable);
    }

    public PeerKey Key { get; }

    protected RecordChecksum Checksum { get; }

    /// <summary>Begins a transaction; <paramref name="sync"/> false allows the commit to skip waiting for the disk.</summary>
    protected abstract ValueTask<StorageSession> BeginAsync(bool sync, CancellationToken cancellationToken);

    /// <summary>In one transaction: upsert the hard state if given, delete entries at or after entries[0].Index, insert entries.</summary>
    protected abstract ValueTask WriteAsync(HardState? hardState, IReadOnlyList<Entry> entries, bool sync, CancellationToken cancellationToken);

    /// <summary>Reads the fence row; PostgreSQL locks it (FOR UPDATE to claim, FOR SHARE to write) so claims and writes serialize.</summary>
    protected virtual string FenceQuery(bool forClaim) => "SELECT epoch FROM raft_fence WHERE peer_key = @key";

    public async ValueTask ClaimAsync(long epoch, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epoch);
        await using var session = await BeginAsync(sync: true, cancellationToken).ConfigureAwait(false);
        var stored = await ReadFenceAsync(session, forClaim: true, cancellationToken).ConfigureAwait(false);
        if (stored > epoch)
            throw new InconsistentStateException($"peer {Key}: the log is claimed by activation epoch {stored}, newer than {epoch}", Format(stored), Format(epoch));
        await using (var upsert = session.Command("INSERT INTO raft_fence (peer_key, epoch) VALUES (@key, @epoch) ON CONFLICT (peer_key) DO UPDATE SET epoch = excluded.epoch"))
        {
            upsert.AddParameter("@key", Key.Value);
            upsert.AddParameter("@epoch", epoch);
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        _epoch = epoch;
    }

    /// <summary>
    /// Inside a write's transaction: throws <see cref="InconsistentStateException"/> when a newer activation
    /// has claimed the log since this one did, so a stale activation can never append.
    /// </summary>
    protected async ValueTask CheckFenceAsync(StorageSession session, CancellationToken cancellationToken)
    {
        if (_epoch is not { } mine) return;
        var stored = await ReadFenceAsync(session, forClaim: false, cancellationToken).ConfigureAwait(false);
        if (stored != mine)
            throw new InconsistentStateException($"peer {Key}: the log was claimed by activation epoch {stored}; this activation ({mine}) is stale", Format(stored), Format(mine));
    }

    private async ValueTask<long> ReadFenceAsync(StorageSession session, bool forClaim, CancellationToken cancellationToken)
    {
        await using var read = session.Command(FenceQuery(forClaim));
        read.AddParameter("@key", Key.Value);
        var value = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is null or DBNull ? 0 : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    private static string Format(long epoch) => epoch.ToString(CultureInfo.InvariantCulture);

    public async ValueTask<PersistedState> LoadAsync(CancellationToken cancellationToken)
    {
        await using var session = await BeginAsync(sync: true, cancellationToken).ConfigureAwait(false);
        var (state, lastIndex) = await _reader.ReadAsync(session.Connection, session.Transaction, cancellationToken).ConfigureAwait(false);
        _lastIndex = lastIndex;
        return state;
    }

    public async ValueTask SaveAsync(HardState? hardState, IReadOnlyList<Entry> entries, bool sync, CancellationToken cancellationToken)
    {
        SaveArguments.Validate(hardState, entries);
        if (hardState is null && entries.Count == 0) return;
        if (entries.Count > 0)
        {
            var lastIndex = _lastIndex ?? await ReadLastIndexAsync(cancellationToken).ConfigureAwait(false);
            SaveArguments.ValidateContinues(Key, lastIndex, entries);
        }
        try
        {
            await WriteAsync(hardState, entries, sync, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _lastIndex = null; // unknown whether the commit landed; read it again next time
            throw;
        }
        // A plain append moves the end to the batch's end. An overlapping batch truncated a suffix; the
        // snapshot may still reach past it, so read the end again when next needed (conflicts are rare).
        if (entries.Count > 0 && _lastIndex is { } known)
            _lastIndex = entries[0].Index == known + 1 ? entries[^1].Index : null;
    }

    public async ValueTask SaveSnapshotAsync(long index, long term, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        SaveArguments.ValidateSnapshot(index, term);
        _lastIndex = null;
        await using var session = await BeginAsync(sync: true, cancellationToken).ConfigureAwait(false);
        await CheckFenceAsync(session, cancellationToken).ConfigureAwait(false);
        var existing = await _reader.ReadSnapshotIndexAsync(session.Connection, session.Transaction, cancellationToken).ConfigureAwait(false);
        if (existing > index)
            throw new InvalidOperationException(
                $"peer {Key}: a snapshot through index {existing} is stored; refusing the older one through {index}");

        await using (var termAt = session.Command($"SELECT term FROM {PersistedStateReader.LogTable} WHERE peer_key = @key AND log_index = @index"))
        {
            termAt.AddParameter("@key", Key.Value);
            termAt.AddParameter("@index", index);
            var storedTerm = await termAt.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            // Raft §7: keep the log only if it holds the snapshot's last entry; otherwise it conflicts.
            if (storedTerm is null or DBNull || Convert.ToInt64(storedTerm, CultureInfo.InvariantCulture) != term)
                await DeleteLogAsync(session, "", null, cancellationToken).ConfigureAwait(false);
        }

        await using (var upsert = session.Command(
            $"INSERT INTO {PersistedStateReader.SnapshotTable} (peer_key, last_index, last_term, data, checksum) " +
            "VALUES (@key, @index, @term, @data, @checksum) ON CONFLICT (peer_key) DO UPDATE SET " +
            "last_index = excluded.last_index, last_term = excluded.last_term, data = excluded.data, checksum = excluded.checksum"))
        {
            upsert.AddParameter("@key", Key.Value);
            upsert.AddParameter("@index", index);
            upsert.AddParameter("@term", term);
            // The blob is usually an array of exactly its size: bind it as it is rather than copy megabytes.
            upsert.AddParameter("@data", MemoryMarshal.TryGetArray(data, out var whole) && whole.Offset == 0 && whole.Count == whole.Array!.Length ? whole.Array : data.ToArray());
            upsert.AddParameter("@checksum", Checksum.Snapshot(index, term, data.Span));
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        OnCommitted(data.Length);
    }

    public async ValueTask<StoredSnapshot?> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        await using var session = await BeginAsync(sync: true, cancellationToken).ConfigureAwait(false);
        return await _reader.ReadSnapshotAsync(session.Connection, session.Transaction, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask CompactAsync(long throughIndex, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(throughIndex);
        if (throughIndex == 0) return;
        await using var session = await BeginAsync(sync: true, cancellationToken).ConfigureAwait(false);
        await CheckFenceAsync(session, cancellationToken).ConfigureAwait(false);
        var covered = await _reader.ReadSnapshotIndexAsync(session.Connection, session.Transaction, cancellationToken).ConfigureAwait(false) ?? 0;
        // Dropping entries no snapshot covers would lose committed state for good.
        if (covered < throughIndex)
            throw new InvalidOperationException(
                $"peer {Key}: cannot compact through index {throughIndex}; the stored snapshot covers through {covered}");
        await DeleteLogAsync(session, " AND log_index <= @index", throughIndex, cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
        OnCommitted(0);
    }

    private async ValueTask<long> ReadLastIndexAsync(CancellationToken cancellationToken)
    {
        await using var session = await BeginAsync(sync: true, cancellationToken).ConfigureAwait(false);
        var snapshotIndex = await _reader.ReadSnapshotIndexAsync(session.Connection, session.Transaction, cancellationToken).ConfigureAwait(false);
        await using var command = session.Command($"SELECT COALESCE(MAX(log_index), 0) FROM {PersistedStateReader.LogTable} WHERE peer_key = @key");
        command.AddParameter("@key", Key.Value);
        var last = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        _lastIndex = Math.Max(last, snapshotIndex ?? 0);
        return _lastIndex.Value;
    }

    private async ValueTask DeleteLogAsync(StorageSession session, string condition, long? index, CancellationToken cancellationToken)
    {
        await using var delete = session.Command($"DELETE FROM {PersistedStateReader.LogTable} WHERE peer_key = @key{condition}");
        delete.AddParameter("@key", Key.Value);
        if (index is { } i) delete.AddParameter("@index", i);
        await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Called after a snapshot or compaction commits, still inside the provider's gate when it has one.</summary>
    protected virtual void OnCommitted(long bytes)
    {
    }

    /// <summary>Releases provider resources held for this peer (prepared statements).</summary>
    internal virtual ValueTask CloseAsync() => ValueTask.CompletedTask;
}

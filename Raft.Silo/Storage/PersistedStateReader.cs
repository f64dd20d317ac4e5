using System.Data.Common;
using System.Globalization;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Grains.Persistence;

namespace Raft.Silo.Storage;

/// <summary>
/// Reads one peer's rows and verifies every record before anything is returned: checksums, value ranges,
/// log indexes contiguous from the snapshot (or from 1), terms never decreasing. Any failure throws
/// <see cref="StorageCorruptionException"/>; corrupt data is never returned. The SQL is plain enough for
/// SQLite and PostgreSQL alike.
/// </summary>
internal sealed class PersistedStateReader(PeerKey key, RecordChecksum checksum, Func<string, string> describeTable)
{
    public const string HardStateTable = "raft_hard_state";
    public const string LogTable = "raft_log";
    public const string SnapshotTable = "raft_snapshot";

    /// <summary>The stored state, plus the highest index stored (log row or snapshot) for gap checks on later saves.</summary>
    public async ValueTask<(PersistedState State, long LastIndex)> ReadAsync(
        DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var hardState = await ReadHardStateAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var snapshot = await ReadSnapshotAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var snapshotIndex = snapshot?.LastIndex ?? 0;
        var snapshotTerm = snapshot?.LastTerm ?? 0;

        var entries = new List<Entry>();
        long? previousIndex = null;
        var previousTerm = 0L;
        await using var command = Command(connection, transaction,
            $"SELECT log_index, term, type, data, checksum FROM {LogTable} WHERE peer_key = @key ORDER BY log_index");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var index = ReadInt64(reader, 0, LogTable, "log row");
            var where = StorageCorruptionException.EntryRecord(index);
            var term = ReadInt64(reader, 1, LogTable, where);
            var type = ReadInt64(reader, 2, LogTable, where);
            var data = ReadBytes(reader, 3, LogTable, where);
            var stored = ReadInt64(reader, 4, LogTable, where);

            if (index <= 0 || term <= 0) throw Corrupt(where, LogTable, $"non-positive index or term ({index}, {term})");
            if (type is < byte.MinValue or > byte.MaxValue || !Enum.IsDefined((EntryType)type))
                throw Corrupt(where, LogTable, $"unknown entry type {type}");
            if (checksum.Entry(index, term, (EntryType)type, data) != stored)
                throw Corrupt(where, LogTable, "checksum mismatch");
            // Compaction drops a prefix, truncation a suffix and a conflicting snapshot the whole log, so the
            // rows are always one run: starting at 1, or at or below the snapshot's next index.
            var expected = previousIndex + 1 ?? (snapshot is null ? 1 : Math.Min(index, snapshotIndex + 1));
            if (index != expected)
                throw Corrupt(where, LogTable, $"gap in the log: expected index {expected} next");
            if (term < previousTerm)
                throw Corrupt(where, LogTable, $"term {term} is below the previous entry's term {previousTerm}");
            previousIndex = index;
            previousTerm = term;
            if (index > snapshotIndex) entries.Add(new Entry(term, index, (EntryType)type, data));
        }
        if (entries.Count > 0 && entries[0].Term < snapshotTerm)
            throw Corrupt(StorageCorruptionException.EntryRecord(entries[0].Index), LogTable,
                $"term {entries[0].Term} is below the snapshot's term {snapshotTerm}");

        var lastIndex = Math.Max(previousIndex ?? 0, snapshotIndex);
        return (new PersistedState(hardState, entries, snapshotIndex, snapshotTerm), lastIndex);
    }

    public async ValueTask<HardState> ReadHardStateAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        const string where = StorageCorruptionException.HardStateRecord;
        await using var command = Command(connection, transaction,
            $"SELECT term, voted_for, commit_index, checksum FROM {HardStateTable} WHERE peer_key = @key");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return HardState.Empty;
        var term = ReadInt64(reader, 0, HardStateTable, where);
        var votedFor = ReadInt64(reader, 1, HardStateTable, where);
        var commit = ReadInt64(reader, 2, HardStateTable, where);
        var stored = ReadInt64(reader, 3, HardStateTable, where);
        if (term < 0 || votedFor is < 0 or > int.MaxValue || commit < 0)
            throw Corrupt(where, HardStateTable, $"impossible values term={term} vote={votedFor} commit={commit}");
        var hardState = new HardState(term, (int)votedFor, commit);
        if (checksum.HardState(hardState) != stored) throw Corrupt(where, HardStateTable, "checksum mismatch");
        return hardState;
    }

    public async ValueTask<StoredSnapshot?> ReadSnapshotAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        const string where = StorageCorruptionException.SnapshotRecord;
        await using var command = Command(connection, transaction,
            $"SELECT last_index, last_term, data, checksum FROM {SnapshotTable} WHERE peer_key = @key");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        var index = ReadInt64(reader, 0, SnapshotTable, where);
        var term = ReadInt64(reader, 1, SnapshotTable, where);
        var data = ReadBytes(reader, 2, SnapshotTable, where);
        var stored = ReadInt64(reader, 3, SnapshotTable, where);
        if (index <= 0 || term <= 0) throw Corrupt(where, SnapshotTable, $"non-positive index or term ({index}, {term})");
        if (checksum.Snapshot(index, term, data) != stored) throw Corrupt(where, SnapshotTable, "checksum mismatch");
        return new StoredSnapshot(index, term, data);
    }

    /// <summary>
    /// The last index the stored snapshot covers, or null without one, read without its data: saves and
    /// compactions only compare positions, and reading a snapshot of many megabytes each time to do so cost a
    /// large-object allocation per check. The row is verified whole (checksum and all) when it is loaded.
    /// </summary>
    public async ValueTask<long?> ReadSnapshotIndexAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        const string where = StorageCorruptionException.SnapshotRecord;
        await using var command = Command(connection, transaction, $"SELECT last_index FROM {SnapshotTable} WHERE peer_key = @key");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) return null;
        var index = ReadInt64(reader, 0, SnapshotTable, where);
        if (index <= 0) throw Corrupt(where, SnapshotTable, $"non-positive index {index}");
        return index;
    }

    private DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.AddParameter("@key", key.Value);
        return command;
    }

    // A NULL or mistyped column is a torn record: report it as corruption rather than a cast failure.
    private long ReadInt64(DbDataReader reader, int ordinal, string table, string where)
    {
        var value = reader.GetValue(ordinal);
        return value switch
        {
            long l => l,
            int i => i,
            short s => s,
            _ => throw Corrupt(where, table, $"column {reader.GetName(ordinal)} holds {Describe(value)}, not an integer"),
        };
    }

    private byte[] ReadBytes(DbDataReader reader, int ordinal, string table, string where)
    {
        var value = reader.GetValue(ordinal);
        return value as byte[] ?? throw Corrupt(where, table, $"column {reader.GetName(ordinal)} holds {Describe(value)}, not bytes");
    }

    private static string Describe(object value) =>
        value is DBNull ? "NULL" : string.Create(CultureInfo.InvariantCulture, $"a {value.GetType().Name}");

    private StorageCorruptionException Corrupt(string where, string table, string problem) =>
        new(key.Value, where, describeTable(table), problem);
}

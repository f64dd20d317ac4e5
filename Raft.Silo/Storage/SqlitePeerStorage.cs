using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Raft.Core.Messages;

namespace Raft.Silo.Storage;

/// <summary>
/// One peer's rows in the silo's SQLite file. Saves reuse three statements prepared once on the provider's
/// connection: a batch of N entries is one transaction of N executions of one compiled insert, and one WAL
/// fsync at commit.
/// </summary>
internal sealed class SqlitePeerStorage : AdoPeerStorage
{
    private readonly SqliteStorageProvider _provider;
    private PreparedStatements? _statements;

    public SqlitePeerStorage(SqliteStorageProvider provider, PeerKey key)
        : base(key, table => $"{provider.FilePath} (table {table})")
    {
        _provider = provider;
    }

    protected override ValueTask<StorageSession> BeginAsync(bool sync, CancellationToken cancellationToken) =>
        _provider.BeginAsync(sync, cancellationToken);

    protected override async ValueTask WriteAsync(HardState? hardState, IReadOnlyList<Entry> entries, bool sync, CancellationToken cancellationToken)
    {
        await using var session = await _provider.BeginAsync(sync, cancellationToken).ConfigureAwait(false);
        await CheckFenceAsync(session, cancellationToken).ConfigureAwait(false);
        var transaction = (SqliteTransaction)session.Transaction;
        var statements = _statements ??= new PreparedStatements(_provider.Connection, Key);
        if (hardState is { } hs)
        {
            var upsert = statements.UpsertHardState;
            upsert.Transaction = transaction;
            upsert.Parameters[1].Value = hs.Term;
            upsert.Parameters[2].Value = hs.VotedFor;
            upsert.Parameters[3].Value = hs.Commit;
            upsert.Parameters[4].Value = Checksum.HardState(hs);
            upsert.ExecuteNonQuery();
        }
        var bytes = 64L;
        if (entries.Count > 0)
        {
            var delete = statements.DeleteFrom;
            delete.Transaction = transaction;
            delete.Parameters[1].Value = entries[0].Index;
            delete.ExecuteNonQuery();

            var insert = statements.InsertEntry;
            insert.Transaction = transaction;
            foreach (var entry in entries)
            {
                insert.Parameters[1].Value = entry.Index;
                insert.Parameters[2].Value = entry.Term;
                insert.Parameters[3].Value = (int)entry.Type;
                insert.Parameters[4].Value = AsArray(entry.Data);
                insert.Parameters[5].Value = Checksum.Entry(entry);
                insert.ExecuteNonQuery();
                bytes += entry.Size;
            }
        }
        // Microsoft.Data.Sqlite runs synchronously underneath; the commit is where the fsync happens.
        transaction.Commit();
        _provider.Committed(bytes);
    }

    protected override void OnCommitted(long bytes) => _provider.Committed(bytes);

    internal override ValueTask CloseAsync()
    {
        _statements?.Dispose();
        _statements = null;
        return ValueTask.CompletedTask;
    }

    // The parameter wants a whole array; avoid the copy when the entry's memory already is one.
    private static byte[] AsArray(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();

    /// <summary>The compiled statements of one peer; parameter 0 is always the peer key.</summary>
    private sealed class PreparedStatements : IDisposable
    {
        public PreparedStatements(SqliteConnection connection, PeerKey key)
        {
            UpsertHardState = Prepare(connection, key,
                "INSERT INTO raft_hard_state (peer_key, term, voted_for, commit_index, checksum) VALUES (@key, @term, @votedFor, @commit, @checksum) " +
                "ON CONFLICT (peer_key) DO UPDATE SET term = excluded.term, voted_for = excluded.voted_for, " +
                "commit_index = excluded.commit_index, checksum = excluded.checksum",
                "@term", "@votedFor", "@commit", "@checksum");
            DeleteFrom = Prepare(connection, key, "DELETE FROM raft_log WHERE peer_key = @key AND log_index >= @index", "@index");
            InsertEntry = Prepare(connection, key,
                "INSERT INTO raft_log (peer_key, log_index, term, type, data, checksum) VALUES (@key, @index, @term, @type, @data, @checksum)",
                "@index", "@term", "@type", "@data", "@checksum");
        }

        public SqliteCommand UpsertHardState { get; }

        public SqliteCommand DeleteFrom { get; }

        public SqliteCommand InsertEntry { get; }

        public void Dispose()
        {
            UpsertHardState.Dispose();
            DeleteFrom.Dispose();
            InsertEntry.Dispose();
        }

        private static SqliteCommand Prepare(SqliteConnection connection, PeerKey key, string sql, params string[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("@key", key.Value);
            foreach (var name in parameters) command.Parameters.Add(new SqliteParameter { ParameterName = name, Value = 0L });
            return command;
        }
    }
}

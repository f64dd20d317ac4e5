using Npgsql;
using NpgsqlTypes;
using Raft.Core.Messages;

namespace Raft.Silo.Storage;

/// <summary>
/// One peer's rows in PostgreSQL. A save is one batch (one network round trip, BEGIN riding along) plus
/// the COMMIT: upsert the hard state, delete the conflicting suffix, and insert every entry with one
/// statement that unnests parallel arrays, so a batch of any size is one prepared statement.
/// </summary>
internal sealed class PostgresPeerStorage : AdoPeerStorage
{
    private const string UpsertHardStateSql =
        "INSERT INTO raft_hard_state (peer_key, term, voted_for, commit_index, checksum) VALUES ($1, $2, $3, $4, $5) " +
        "ON CONFLICT (peer_key) DO UPDATE SET term = excluded.term, voted_for = excluded.voted_for, " +
        "commit_index = excluded.commit_index, checksum = excluded.checksum";

    private const string DeleteFromSql = "DELETE FROM raft_log WHERE peer_key = $1 AND log_index >= $2";

    private const string InsertEntriesSql =
        "INSERT INTO raft_log (peer_key, log_index, term, type, data, checksum) " +
        "SELECT $1, u.log_index, u.term, u.type, u.data, u.checksum " +
        "FROM unnest($2::bigint[], $3::bigint[], $4::smallint[], $5::bytea[], $6::bigint[]) AS u(log_index, term, type, data, checksum)";

    private readonly PostgresStorageProvider _provider;

    public PostgresPeerStorage(PostgresStorageProvider provider, PeerKey key)
        : base(key, table => $"table {provider.Schema}.{table} (database {provider.Location})")
    {
        _provider = provider;
    }

    protected override string FenceQuery(bool forClaim) =>
        $"SELECT epoch FROM raft_fence WHERE peer_key = @key {(forClaim ? "FOR UPDATE" : "FOR SHARE")}";

    protected override ValueTask<StorageSession> BeginAsync(bool sync, CancellationToken cancellationToken) =>
        _provider.BeginAsync(sync, cancellationToken);

    protected override async ValueTask WriteAsync(HardState? hardState, IReadOnlyList<Entry> entries, bool sync, CancellationToken cancellationToken)
    {
        await using var session = await _provider.BeginAsync(sync, cancellationToken).ConfigureAwait(false);
        await CheckFenceAsync(session, cancellationToken).ConfigureAwait(false);
        await using var batch = new NpgsqlBatch((NpgsqlConnection)session.Connection, (NpgsqlTransaction)session.Transaction);
        if (hardState is { } hs)
        {
            batch.BatchCommands.Add(Command(UpsertHardStateSql,
                new NpgsqlParameter<long> { TypedValue = hs.Term },
                new NpgsqlParameter<int> { TypedValue = hs.VotedFor },
                new NpgsqlParameter<long> { TypedValue = hs.Commit },
                new NpgsqlParameter<long> { TypedValue = Checksum.HardState(hs) }));
        }
        if (entries.Count > 0)
        {
            batch.BatchCommands.Add(Command(DeleteFromSql, new NpgsqlParameter<long> { TypedValue = entries[0].Index }));
            var indexes = new long[entries.Count];
            var terms = new long[entries.Count];
            var types = new short[entries.Count];
            var data = new byte[entries.Count][];
            var checksums = new long[entries.Count];
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                indexes[i] = entry.Index;
                terms[i] = entry.Term;
                types[i] = (short)entry.Type;
                data[i] = entry.Data.ToArray();
                checksums[i] = Checksum.Entry(entry);
            }
            batch.BatchCommands.Add(Command(InsertEntriesSql,
                new NpgsqlParameter<long[]> { TypedValue = indexes },
                new NpgsqlParameter<long[]> { TypedValue = terms },
                new NpgsqlParameter<short[]> { TypedValue = types },
                new NpgsqlParameter<byte[][]> { TypedValue = data, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea },
                new NpgsqlParameter<long[]> { TypedValue = checksums }));
        }
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await session.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Key.Value });
        foreach (var parameter in parameters) command.Parameters.Add(parameter);
        return command;
    }
}

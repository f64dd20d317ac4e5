using Npgsql;
using Raft.Core.Messages;
using Raft.Grains.Persistence;
using Raft.Silo.Storage;

namespace Raft.Benchmarks.Storage;

/// <summary>
/// A throwaway store for one measurement: a SQLite file in a temp folder, or a fresh schema in the
/// PostgreSQL database named by RAFT_TEST_POSTGRES. Disposing removes it.
/// </summary>
internal sealed class BenchmarkStore : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";
    public const string PostgresVariable = "RAFT_TEST_POSTGRES";
    public const int EntriesPerBatch = 64;
    public const int EntryBytes = 256;

    private readonly Func<ValueTask> _remove;
    private readonly byte[] _payload = new byte[EntryBytes];
    private long _nextIndex = 1;

    private BenchmarkStore(IStorageProvider provider, Func<ValueTask> remove)
    {
        Provider = provider;
        Peer = provider.ForPeer("bench", 1);
        _remove = remove;
        new Random(1).NextBytes(_payload);
    }

    public IStorageProvider Provider { get; }

    public IFencedLogStorage Peer { get; }

    /// <summary>The backends measurable here: SQLite always, PostgreSQL when RAFT_TEST_POSTGRES is set.</summary>
    public static IEnumerable<string> Available()
    {
        yield return Sqlite;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresVariable))) yield return Postgres;
    }

    public static async Task<BenchmarkStore> CreateAsync(string backend)
    {
        switch (backend)
        {
            case Sqlite:
            {
                var folder = Path.Combine(Path.GetTempPath(), "raft-bench", Guid.NewGuid().ToString("N"));
                var provider = new SqliteStorageProvider(folder);
                await provider.OpenAsync(CancellationToken.None).ConfigureAwait(false);
                return new BenchmarkStore(provider, () =>
                {
                    Directory.Delete(folder, recursive: true);
                    return ValueTask.CompletedTask;
                });
            }
            case Postgres:
            {
                var baseConnection = Environment.GetEnvironmentVariable(PostgresVariable)
                    ?? throw new InvalidOperationException($"{PostgresVariable} is not set");
                var schema = $"raft_bench_{Guid.NewGuid():N}";
                await AdminAsync(baseConnection, $"CREATE SCHEMA {schema}").ConfigureAwait(false);
                var provider = new PostgresStorageProvider(new NpgsqlConnectionStringBuilder(baseConnection) { SearchPath = schema }.ToString());
                await provider.OpenAsync(CancellationToken.None).ConfigureAwait(false);
                return new BenchmarkStore(provider, () => AdminAsync(baseConnection, $"DROP SCHEMA {schema} CASCADE"));
            }
            default:
                throw new ArgumentException($"unknown backend \"{backend}\"; use {Sqlite} or {Postgres}", nameof(backend));
        }
    }

    /// <summary>Appends the next batch of 64 entries of 256 bytes in one commit, synced unless told otherwise.</summary>
    public ValueTask AppendBatchAsync(bool sync = true)
    {
        var entries = new Entry[EntriesPerBatch];
        for (var i = 0; i < entries.Length; i++) entries[i] = new Entry(1, _nextIndex++, EntryType.Normal, _payload);
        return Peer.SaveAsync(null, entries, sync, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync().ConfigureAwait(false);
        await _remove().ConfigureAwait(false);
    }

    private static async ValueTask AdminAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}

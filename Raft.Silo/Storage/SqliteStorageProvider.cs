using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Raft.Grains.Persistence;

namespace Raft.Silo.Storage;

/// <summary>
/// Storage of every peer a silo hosts in one SQLite file under the silo's data folder. WAL journal with
/// synchronous=FULL: a commit is durable once it returns, at the cost of one WAL fsync per transaction.
/// One connection, guarded by a gate so one transaction runs at a time (SQLite has one writer per file
/// anyway); each peer keeps its own prepared statements on it.
/// </summary>
public sealed class SqliteStorageProvider : IStorageProvider
{
    public const string DefaultFileName = "raft.db";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<PeerKey, SqlitePeerStorage> _peers = new();
    private SqliteConnection? _connection;
    private SqliteWalCheckpointer? _checkpointer;
    private bool _synchronousFull = true;
    private bool _disposed;

    /// <param name="dataFolder">The silo's data folder; created when missing.</param>
    /// <param name="fileName">The database file's name inside it.</param>
    public SqliteStorageProvider(string dataFolder, string fileName = DefaultFileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (fileName.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || fileName.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"\"{fileName}\" is not a plain file name", nameof(fileName));
        FilePath = Path.GetFullPath(Path.Combine(dataFolder, fileName));
    }

    /// <summary>The database file.</summary>
    public string FilePath { get; }

    public string Location => FilePath;

    /// <summary>The schema version after <see cref="OpenAsync"/>.</summary>
    public int SchemaVersion { get; private set; }

    internal SqliteConnection Connection =>
        _connection ?? throw new InvalidOperationException($"SQLite storage {FilePath} is not open; call OpenAsync first");

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is not null) throw new InvalidOperationException($"SQLite storage {FilePath} is already open");
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // No pool: disposing the provider must really close the file (restarts, tests deleting folders).
            Pooling = false,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Grain storage writes this file through a connection of its own; wait for its lock instead of
            // Microsoft.Data.Sqlite's 150 ms retry steps.
            await PragmaAsync(connection, $"PRAGMA busy_timeout = {(int)SharedSqliteFile.BusyTimeout.TotalMilliseconds}", cancellationToken).ConfigureAwait(false);
            var mode = await PragmaAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken).ConfigureAwait(false);
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"SQLite storage {FilePath} refused WAL journal mode (got {mode})");
            await PragmaAsync(connection, "PRAGMA synchronous = FULL", cancellationToken).ConfigureAwait(false);
            // Checkpoints run off the commit path (SqliteWalCheckpointer explains why).
            await PragmaAsync(connection, "PRAGMA wal_autocheckpoint = 0", cancellationToken).ConfigureAwait(false);
            SchemaVersion = await SchemaMigrator.MigrateAsync(connection, SchemaScripts.Sqlite,
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'", lockSql: null, cancellationToken)
                .ConfigureAwait(false);
            _checkpointer = await SqliteWalCheckpointer.StartAsync(connectionString, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        _connection = connection;
    }

    public IFencedLogStorage ForPeer(string group, int peerId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _ = Connection;
        return _peers.GetOrAdd(new PeerKey(group, peerId), key => new SqlitePeerStorage(this, key));
    }

    /// <summary>
    /// Waits for the gate and begins a transaction. With <paramref name="sync"/> false the commit runs at
    /// synchronous=NORMAL (no fsync; WAL keeps it atomic, a power loss may drop it), as Ready.MustSync allows.
    /// </summary>
    internal async ValueTask<StorageSession> BeginAsync(bool sync, CancellationToken cancellationToken)
    {
        var connection = Connection;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (sync != _synchronousFull)
            {
                // PRAGMA synchronous takes effect per connection and must be set outside a transaction.
                await PragmaAsync(connection, sync ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL", cancellationToken)
                    .ConfigureAwait(false);
                _synchronousFull = sync;
            }
            var transaction = connection.BeginTransaction();
            return new StorageSession(connection, transaction, Release);
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var peer in _peers.Values) await peer.CloseAsync().ConfigureAwait(false);
            _peers.Clear();
            if (_checkpointer is not null) await _checkpointer.DisposeAsync().ConfigureAwait(false);
            _checkpointer = null;
            if (_connection is not null) await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Tells the checkpointer a transaction of about <paramref name="bytes"/> bytes committed. Call under the gate.</summary>
    internal void Committed(long bytes) => _checkpointer?.Committed(bytes);

    private ValueTask Release()
    {
        _gate.Release();
        return ValueTask.CompletedTask;
    }

    private static async ValueTask<string?> PragmaAsync(SqliteConnection connection, string pragma, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        return (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))?.ToString();
    }
}

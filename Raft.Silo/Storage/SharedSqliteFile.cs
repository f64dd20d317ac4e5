using Microsoft.Data.Sqlite;

namespace Raft.Silo.Storage;

/// <summary>
/// One connection to a SQLite file that other connections and other processes open too: the cluster file
/// every local silo shares (membership, reminders), or the silo's raft.db, which the log storage writes
/// through its own connection. Opened on first use: WAL journal (readers never block the writer), a busy
/// timeout (a writer waits for another's lock instead of failing), synchronous=FULL (a commit is on disk
/// when it returns), then the dialect's schema scripts.
/// <para>
/// Reads run in a deferred transaction, which in WAL mode sees one snapshot of the whole file. Writes run in
/// BEGIN IMMEDIATE transactions (Microsoft.Data.Sqlite's default), which take the write lock before the first
/// read, so concurrent processes serialize their read-check-write sequences and none of them fails midway
/// with SQLITE_BUSY_SNAPSHOT. A process killed mid-write leaves an uncommitted WAL tail, which SQLite
/// ignores on the next open; the lock dies with the process.
/// </para>
/// </summary>
internal sealed class SharedSqliteFile : IAsyncDisposable
{
    /// <summary>How long a statement waits for another connection's lock before failing.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    // Microsoft.Data.Sqlite keeps one statement running at a time per connection; the gate also keeps each
    // read or write transaction whole.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _dialect;
    private readonly bool _checkpointedElsewhere;
    private SqliteConnection? _connection;
    private bool _disposed;

    /// <param name="filePath">The database file; its folder is created when missing.</param>
    /// <param name="dialect">Which schema scripts this file carries (<see cref="SchemaScripts"/>).</param>
    /// <param name="checkpointedElsewhere">
    /// The file's WAL is checkpointed by another connection (raft.db's, by the log storage's background
    /// checkpointer): this one must not run a checkpoint of the log's writes inside its own commit.
    /// </param>
    public SharedSqliteFile(string filePath, string dialect, bool checkpointedElsewhere = false)
    {
        _checkpointedElsewhere = checkpointedElsewhere;
        ArgumentException.ThrowIfNullOrWhiteSpace(filePath);
        FilePath = Path.GetFullPath(filePath);
        _dialect = dialect;
    }

    public string FilePath { get; }

    /// <summary>Opens and migrates the file now rather than at first use, so a bad file stops the silo at start.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="read"/> in one snapshot of the file.</summary>
    public Task<T> ReadAsync<T>(Func<SqliteTransaction, T> read, CancellationToken cancellationToken) =>
        RunAsync(read, deferred: true, cancellationToken);

    /// <summary>
    /// Runs <paramref name="write"/> holding the file's write lock and commits what it did, unless it throws.
    /// A write that decides to change nothing (a lost race) simply returns; committing nothing is cheap.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteTransaction, T> write, CancellationToken cancellationToken) =>
        RunAsync(write, deferred: false, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_connection is not null) await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<T> RunAsync<T>(Func<SqliteTransaction, T> work, bool deferred, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await ConnectionAsync(cancellationToken).ConfigureAwait(false);
            using var transaction = connection.BeginTransaction(deferred);
            var result = work(transaction);
            transaction.Commit();
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    // Call under the gate.
    private async ValueTask<SqliteConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is not null) return _connection;
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // No pool: disposing must really close the file (restarts, tests deleting folders).
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // Set first: switching a new file to WAL takes a lock too. Without it Microsoft.Data.Sqlite retries
            // a busy statement only every 150 ms; SQLite's own handler retries within a millisecond or two.
            Pragma(connection, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}");
            var mode = Pragma(connection, "PRAGMA journal_mode = WAL");
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"SQLite file {FilePath} refused WAL journal mode (got {mode})");
            Pragma(connection, "PRAGMA synchronous = FULL");
            if (_checkpointedElsewhere) Pragma(connection, "PRAGMA wal_autocheckpoint = 0");
            // The migrator's transaction is BEGIN IMMEDIATE (see the class comment): of several processes opening
            // a new file at once, one applies the scripts and the others then read the version it recorded.
            await SchemaMigrator.MigrateAsync(connection, _dialect,
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'", lockSql: null, cancellationToken)
                .ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        _connection = connection;
        return connection;
    }

    private static string? Pragma(SqliteConnection connection, string pragma)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragma;
        return command.ExecuteScalar()?.ToString();
    }
}

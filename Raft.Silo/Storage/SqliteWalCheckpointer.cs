using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Raft.Silo.Storage;

/// <summary>
/// Copies the WAL back into the database file on its own connection and task, instead of SQLite's automatic
/// checkpoint, which runs inside whichever commit crosses 1,000 frames: that commit then also writes and
/// fsyncs the database file, and measured appends (Raft.Benchmarks storage-append) ran at half speed for it.
/// A PASSIVE checkpoint never blocks the writer; commits stay durable at their WAL fsync, and the writer
/// starts the WAL over once a checkpoint has caught up. Requested every <see cref="CommitsPerCheckpoint"/>
/// commits or <see cref="BytesPerCheckpoint"/> written bytes, whichever comes first.
/// </summary>
internal sealed class SqliteWalCheckpointer : IAsyncDisposable
{
    public const int CommitsPerCheckpoint = 64;
    public const long BytesPerCheckpoint = 4L << 20;

    private readonly SqliteConnection _connection;
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Task _loop;
    private int _commits;
    private long _bytes;

    private SqliteWalCheckpointer(SqliteConnection connection)
    {
        _connection = connection;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The last checkpoint's failure, if any; the next request retries. Checkpoints never affect durability.</summary>
    public Exception? LastError { get; private set; }

    public static async ValueTask<SqliteWalCheckpointer> StartAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = connection.CreateCommand())
        {
            // The checkpoint must be on disk before the writer may overwrite the WAL frames it copied.
            command.CommandText = "PRAGMA synchronous = FULL";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return new SqliteWalCheckpointer(connection);
    }

    /// <summary>Counts one commit of about <paramref name="bytes"/> bytes; asks for a checkpoint when enough piled up. Called under the writer's gate.</summary>
    public void Committed(long bytes)
    {
        _commits++;
        _bytes += bytes;
        if (_commits < CommitsPerCheckpoint && _bytes < BytesPerCheckpoint) return;
        _commits = 0;
        _bytes = 0;
        _requests.Writer.TryWrite(true);
    }

    public async ValueTask DisposeAsync()
    {
        _requests.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        await foreach (var _ in _requests.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await using var command = _connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
                await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                LastError = null;
            }
            catch (SqliteException ex)
            {
                LastError = ex;
            }
        }
    }
}

using System.Collections.Concurrent;
using Npgsql;
using Raft.Grains.Persistence;

namespace Raft.Silo.Storage;

/// <summary>
/// Storage of every peer a silo hosts in PostgreSQL, in the tables of the connection's current schema (set
/// "Search Path" in the connection string to keep deployments apart). Connections come from Npgsql's pool,
/// so peers write concurrently; statements are auto-prepared per physical connection.
/// </summary>
public sealed class PostgresStorageProvider : IStorageProvider
{
    private readonly string _connectionString;
    private readonly ConcurrentDictionary<PeerKey, PostgresPeerStorage> _peers = new();
    private NpgsqlDataSource? _dataSource;
    private bool _disposed;

    /// <param name="connectionString">An Npgsql connection string; the caller owns credentials and schema.</param>
    /// <exception cref="ArgumentException">the connection string is empty or malformed.</exception>
    public PostgresStorageProvider(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"not a valid PostgreSQL connection string: {ex.Message}", nameof(connectionString), ex);
        }
        _connectionString = connectionString;
        Location = "PostgreSQL (not open)";
    }

    /// <summary>"database/schema", known after <see cref="OpenAsync"/>.</summary>
    public string Location { get; private set; }

    /// <summary>The schema the tables live in, known after <see cref="OpenAsync"/>.</summary>
    public string Schema { get; private set; } = "";

    /// <summary>The schema version after <see cref="OpenAsync"/>.</summary>
    public int SchemaVersion { get; private set; }

    internal NpgsqlDataSource DataSource =>
        _dataSource ?? throw new InvalidOperationException("PostgreSQL storage is not open; call OpenAsync first");

    public async ValueTask OpenAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_dataSource is not null) throw new InvalidOperationException($"PostgreSQL storage {Location} is already open");
        var builder = new NpgsqlDataSourceBuilder(_connectionString);
        // Every save runs the same few statements: let Npgsql prepare them on each pooled connection.
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0) builder.ConnectionStringBuilder.MaxAutoPrepare = 16;
        var dataSource = builder.Build();
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var schema = await PostgresSchema.MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            Schema = schema.Schema;
            Location = $"{schema.Database}/{schema.Schema}";
            SchemaVersion = schema.Version;
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        _dataSource = dataSource;
    }

    public IFencedLogStorage ForPeer(string group, int peerId)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _ = DataSource;
        return _peers.GetOrAdd(new PeerKey(group, peerId), key => new PostgresPeerStorage(this, key));
    }

    /// <summary>Opens a pooled connection and begins a transaction; disposing the session returns the connection.</summary>
    internal async ValueTask<StorageSession> BeginAsync(bool sync, CancellationToken cancellationToken)
    {
        var connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (!sync)
            {
                await using var relaxed = new NpgsqlCommand("SET LOCAL synchronous_commit = off", connection, transaction);
                await relaxed.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            return new StorageSession(connection, transaction, connection.DisposeAsync);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _peers.Clear();
        if (_dataSource is not null) await _dataSource.DisposeAsync().ConfigureAwait(false);
        _dataSource = null;
    }
}

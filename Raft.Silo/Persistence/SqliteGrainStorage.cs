using Microsoft.Data.Sqlite;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Raft.Silo.Storage;

namespace Raft.Silo.Persistence;

/// <summary>
/// Orleans grain state in a SQLite file, normally the silo's raft.db beside the Raft log (which writes the
/// same file through its own connection). One row per grain and state name, serialized by the configured
/// grain storage serializer, with a CRC-32C checked on every read.
/// <para>
/// Writes are conditional on the ETag: the first write of a state expects none, every later one the ETag the
/// last read or write returned. A write or clear that names another ETag throws
/// <see cref="InconsistentStateException"/> and changes nothing. That is the fence DESIGN.md asks for: when
/// Orleans briefly runs two activations of one grain, only one of them can keep writing.
/// </para>
/// </summary>
public sealed partial class SqliteGrainStorage : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>, IAsyncDisposable
{
    private const string Table = "grain_state";
    private const string KeyFilter = "provider = @provider AND grain_id = @grain AND state_name = @state";

    private readonly string _name;
    private readonly SharedSqliteFile _file;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activators;
    private readonly ILogger<SqliteGrainStorage> _logger;

    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, IActivatorProvider activators, ILogger<SqliteGrainStorage> logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        _name = name;
        _file = new SharedSqliteFile(options.DatabaseFile, SchemaScripts.Sqlite, checkpointedElsewhere: true);
        _serializer = options.GrainStorageSerializer ?? throw new ArgumentException("the options name no grain storage serializer", nameof(options));
        _activators = activators;
        _logger = logger;
    }

    /// <summary>The SQLite file.</summary>
    public string FilePath => _file.FilePath;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var grain = grainId.ToString();
        var stored = await _file.ReadAsync(transaction =>
        {
            using var command = transaction.Command($"SELECT etag, payload, checksum FROM {Table} WHERE {KeyFilter}", Key(grain, stateName));
            using var reader = command.ExecuteReader();
            if (!reader.Read()) return null;
            return new StoredState(reader.GetString(0), (byte[])reader.GetValue(1), reader.GetInt64(2));
        }, cancellationToken).ConfigureAwait(false);

        if (stored is null)
        {
            SetEmpty(grainState);
            return;
        }
        var computed = GrainStateChecksum.Compute(_name, grain, stateName, stored.ETag, stored.Payload);
        if (computed != stored.Checksum)
        {
            throw new StorageCorruptionException(grain, $"grain state \"{stateName}\" (table {Table}, provider {_name})", FilePath,
                $"stored checksum {stored.Checksum:x8} does not match the row's {computed:x8}");
        }
        grainState.State = _serializer.Deserialize<T>(new BinaryData(stored.Payload)) ?? Create<T>();
        grainState.ETag = stored.ETag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var grain = grainId.ToString();
        var expected = grainState.ETag;
        // Serialize before taking the file's lock: the lock is for the write alone.
        var payload = _serializer.Serialize(grainState.State).ToArray();
        var etag = RandomETag.New();
        var checksum = GrainStateChecksum.Compute(_name, grain, stateName, etag, payload);
        await _file.WriteAsync(transaction =>
        {
            (string, object?)[] values = [.. Key(grain, stateName), ("@etag", etag), ("@payload", payload), ("@checksum", checksum), ("@expected", expected)];
            var written = expected is null
                ? transaction.Execute(
                    $"INSERT INTO {Table} (provider, grain_id, state_name, etag, payload, checksum) " +
                    "VALUES (@provider, @grain, @state, @etag, @payload, @checksum) ON CONFLICT DO NOTHING", values)
                : transaction.Execute(
                    $"UPDATE {Table} SET etag = @etag, payload = @payload, checksum = @checksum WHERE {KeyFilter} AND etag = @expected", values);
            if (written == 0) throw Conflict(transaction, "write", grain, stateName, expected);
            return written;
        }, cancellationToken).ConfigureAwait(false);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var grain = grainId.ToString();
        var expected = grainState.ETag;
        await _file.WriteAsync(transaction =>
        {
            var stored = StoredETag(transaction, grain, stateName);
            if (stored != expected) throw Conflict(transaction, "clear", grain, stateName, expected);
            return stored is null ? 0 : transaction.Execute($"DELETE FROM {Table} WHERE {KeyFilter}", Key(grain, stateName));
        }, cancellationToken).ConfigureAwait(false);
        SetEmpty(grainState);
    }

    // The tokenless members Orleans 10.4.2 still declares abstract; the work is in the cancellable ones.
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    /// <summary>Opens and migrates the file before any grain activates, so a bad file stops the silo at start.</summary>
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(OptionFormattingUtilities.Name<SqliteGrainStorage>(_name), ServiceLifecycleStage.ApplicationServices,
            cancellationToken => _file.OpenAsync(cancellationToken));
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    private (string Name, object? Value)[] Key(string grain, string stateName) =>
        [("@provider", _name), ("@grain", grain), ("@state", stateName)];

    private string? StoredETag(SqliteTransaction transaction, string grain, string stateName)
    {
        using var command = transaction.Command($"SELECT etag FROM {Table} WHERE {KeyFilter}", Key(grain, stateName));
        return command.ExecuteScalar() as string;
    }

    private InconsistentStateException Conflict(SqliteTransaction transaction, string operation, string grain, string stateName, string? expected)
    {
        var stored = StoredETag(transaction, grain, stateName);
        LogConflict(operation, grain, stateName, stored, expected);
        return new InconsistentStateException(
            $"{operation} of grain {grain} state \"{stateName}\" refused: it names ETag {expected ?? "(none)"}, {FilePath} holds {stored ?? "(none)"}",
            stored, expected);
    }

    private void SetEmpty<T>(IGrainState<T> grainState)
    {
        grainState.State = Create<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private T Create<T>() => _activators.GetActivator<T>().Create();

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Operation} of grain {Grain} state {StateName} refused: stored ETag {Stored}, given {Given}")]
    private partial void LogConflict(string operation, string grain, string stateName, string? stored, string? given);

    private sealed record StoredState(string ETag, byte[] Payload, long Checksum);
}

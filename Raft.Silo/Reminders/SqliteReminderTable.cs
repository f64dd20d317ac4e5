using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Raft.Silo.Storage;

namespace Raft.Silo.Reminders;

/// <summary>
/// Orleans reminders in the cluster file every local silo shares: each silo reads the reminders whose grain
/// hash falls in the ring range it owns, so all of them must see all rows. Keyed by the ServiceId, as Orleans
/// keys reminders. Each upsert gives the row a new etag; a removal names the etag it read and removes nothing
/// if the row has changed since.
/// </summary>
public sealed partial class SqliteReminderTable : IReminderTable, IAsyncDisposable
{
    private const string Columns = "grain_id, reminder_name, start_at, period, etag";

    private readonly SharedSqliteFile _file;
    private readonly string _serviceId;
    private readonly ILogger<SqliteReminderTable> _logger;

    public SqliteReminderTable(string databaseFile, IOptions<ClusterOptions> clusterOptions, ILogger<SqliteReminderTable> logger)
    {
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterOptions.Value.ServiceId);
        _file = new SharedSqliteFile(databaseFile, SchemaScripts.SqliteCluster);
        _serviceId = clusterOptions.Value.ServiceId;
        _logger = logger;
    }

    /// <summary>The shared cluster file.</summary>
    public string FilePath => _file.FilePath;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
        LogStarted(_serviceId, FilePath);
    }

    public Task<ReminderTableData> ReadRows(GrainId grainId, CancellationToken cancellationToken) =>
        ReadAsync("grain_id = @grain", [("@grain", grainId.ToString())], cancellationToken);

    /// <summary>Rows whose grain hash is in (begin, end]; when begin ≥ end the range wraps past zero (all rows if equal).</summary>
    public Task<ReminderTableData> ReadRows(uint begin, uint end, CancellationToken cancellationToken) =>
        ReadAsync(
            begin < end ? "grain_hash > @begin AND grain_hash <= @end" : "(grain_hash > @begin OR grain_hash <= @end)",
            [("@begin", (long)begin), ("@end", (long)end)],
            cancellationToken);

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName, CancellationToken cancellationToken)
    {
        var rows = await ReadAsync("grain_id = @grain AND reminder_name = @name",
            [("@grain", grainId.ToString()), ("@name", reminderName)], cancellationToken).ConfigureAwait(false);
        return rows.Reminders.Count == 0 ? null : rows.Reminders[0];
    }

    public Task<string?> UpsertRow(ReminderEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var etag = RandomETag.New();
        return _file.WriteAsync<string?>(transaction =>
        {
            transaction.Execute(
                $"INSERT INTO reminders (service_id, grain_hash, {Columns}) VALUES (@service, @hash, @grain, @name, @start, @period, @etag) " +
                "ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE SET " +
                "grain_hash = excluded.grain_hash, start_at = excluded.start_at, period = excluded.period, etag = excluded.etag",
                ("@service", _serviceId), ("@hash", (long)entry.GrainId.GetUniformHashCode()), ("@grain", entry.GrainId.ToString()),
                ("@name", entry.ReminderName), ("@start", entry.StartAt.Ticks), ("@period", entry.Period.Ticks), ("@etag", etag));
            return etag;
        }, cancellationToken);
    }

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken) =>
        _file.WriteAsync(transaction => transaction.Execute(
            "DELETE FROM reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name AND etag = @etag",
            ("@service", _serviceId), ("@grain", grainId.ToString()), ("@name", reminderName), ("@etag", eTag)) == 1, cancellationToken);

    public Task TestOnlyClearTable(CancellationToken cancellationToken) =>
        _file.WriteAsync(transaction => transaction.Execute("DELETE FROM reminders WHERE service_id = @service", ("@service", _serviceId)),
            cancellationToken);

    // The tokenless members Orleans 10.4.2 still declares abstract; the work is in the cancellable ones.
    public Task<ReminderTableData> ReadRows(GrainId grainId) => ReadRows(grainId, CancellationToken.None);

    public Task<ReminderTableData> ReadRows(uint begin, uint end) => ReadRows(begin, end, CancellationToken.None);

    public Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName) => ReadRow(grainId, reminderName, CancellationToken.None);

    public Task<string?> UpsertRow(ReminderEntry entry) => UpsertRow(entry, CancellationToken.None);

    public Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag) => RemoveRow(grainId, reminderName, eTag, CancellationToken.None);

    public Task TestOnlyClearTable() => TestOnlyClearTable(CancellationToken.None);

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    private Task<ReminderTableData> ReadAsync(string filter, (string Name, object? Value)[] parameters, CancellationToken cancellationToken) =>
        _file.ReadAsync(transaction =>
        {
            using var command = transaction.Command(
                $"SELECT {Columns} FROM reminders WHERE service_id = @service AND {filter}", [("@service", _serviceId), .. parameters]);
            using var reader = command.ExecuteReader();
            var rows = new List<ReminderEntry>();
            while (reader.Read()) rows.Add(Read(reader));
            return new ReminderTableData(rows);
        }, cancellationToken);

    private static ReminderEntry Read(SqliteDataReader reader) => new()
    {
        GrainId = GrainId.Parse(reader.GetString(0)),
        ReminderName = reader.GetString(1),
        StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
        Period = TimeSpan.FromTicks(reader.GetInt64(3)),
        ETag = reader.GetString(4),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "reminders of service {ServiceId} are kept in {File}")]
    private partial void LogStarted(string serviceId, string file);
}

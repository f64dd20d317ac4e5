using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Raft.Silo.Storage;

namespace Raft.Silo.Clustering;

/// <summary>
/// Orleans membership in a SQLite file that the silo processes of one machine share, so they find each
/// other with no primary silo and no other service. Rows are keyed by the ClusterId.
/// <para>
/// Every insert and update is conditional, as Orleans' membership protocol requires: it succeeds only if the
/// table version's etag is the one the caller read (and, for an update, the row's etag too), and then
/// replaces the version in the same transaction. The check and the write run under the file's write lock
/// (BEGIN IMMEDIATE), so of two silos acting on the same read exactly one wins; the other gets false, never an
/// exception, and rereads. A heartbeat changes neither etag, as the 10.x contract asks: it must not spoil a
/// read another silo is about to act on.
/// </para>
/// </summary>
public sealed partial class SqliteMembershipTable : IMembershipTable, IAsyncDisposable
{
    private readonly SharedSqliteFile _file;
    private readonly string _clusterId;
    private readonly ILogger<SqliteMembershipTable> _logger;

    public SqliteMembershipTable(string databaseFile, IOptions<ClusterOptions> clusterOptions, ILogger<SqliteMembershipTable> logger)
    {
        ArgumentNullException.ThrowIfNull(clusterOptions);
        ArgumentException.ThrowIfNullOrWhiteSpace(clusterOptions.Value.ClusterId);
        _file = new SharedSqliteFile(databaseFile, SchemaScripts.SqliteCluster);
        _clusterId = clusterOptions.Value.ClusterId;
        _logger = logger;
    }

    /// <summary>The shared cluster file.</summary>
    public string FilePath => _file.FilePath;

    public async Task InitializeMembershipTableAsync(bool tryInitTableVersion, CancellationToken cancellationToken)
    {
        await _file.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!tryInitTableVersion) return;
        var created = await _file.WriteAsync(transaction => transaction.Execute(
            "INSERT INTO membership_version (cluster_id, version, etag) VALUES (@cluster, 0, @etag) ON CONFLICT (cluster_id) DO NOTHING",
            ("@cluster", _clusterId), ("@etag", RandomETag.New())) == 1, cancellationToken).ConfigureAwait(false);
        if (created) LogVersionRowCreated(_clusterId, FilePath);
    }

    public Task<MembershipTableData> ReadRowAsync(SiloAddress key, CancellationToken cancellationToken) =>
        _file.ReadAsync(transaction =>
        {
            var version = RequireVersion(transaction);
            var rows = ReadMembers(transaction, MembershipRow.KeyFilter, MembershipRow.Key(_clusterId, key));
            return rows.Count == 0 ? new MembershipTableData(version) : new MembershipTableData(rows[0], version);
        }, cancellationToken);

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken) =>
        _file.ReadAsync(transaction =>
        {
            var version = RequireVersion(transaction);
            return new MembershipTableData(ReadMembers(transaction, "cluster_id = @cluster", [("@cluster", _clusterId)]), version);
        }, cancellationToken);

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return WriteIfCurrentAsync(entry, tableVersion, "its row exists already", transaction => transaction.Execute(
            $"INSERT INTO membership (cluster_id, {MembershipRow.Columns}, last_update) VALUES (@cluster, @address, @port, @generation, " +
            "@silo_name, @host_name, @role_name, @status, @proxy_port, @update_zone, @fault_zone, @suspect_times, @start_time, " +
            "@i_am_alive_time, @etag, @last_update) ON CONFLICT DO NOTHING",
            MembershipRow.Values(_clusterId, entry, RandomETag.New())), cancellationToken);
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion tableVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return WriteIfCurrentAsync(entry, tableVersion, "its row is missing or its etag is stale", transaction => transaction.Execute(
            "UPDATE membership SET silo_name = @silo_name, host_name = @host_name, role_name = @role_name, status = @status, " +
            "proxy_port = @proxy_port, update_zone = @update_zone, fault_zone = @fault_zone, suspect_times = @suspect_times, " +
            "start_time = @start_time, i_am_alive_time = @i_am_alive_time, last_update = @last_update, etag = @etag " +
            $"WHERE {MembershipRow.KeyFilter} AND etag = @expected",
            [.. MembershipRow.Values(_clusterId, entry, RandomETag.New()), ("@expected", etag)]), cancellationToken);
    }

    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return _file.WriteAsync(transaction =>
        {
            // Only this silo writes its heartbeat, so no condition; last_update keeps its maximum.
            var updated = transaction.Execute(
                $"UPDATE membership SET i_am_alive_time = @alive, last_update = MAX(last_update, @alive) WHERE {MembershipRow.KeyFilter}",
                [.. MembershipRow.Key(_clusterId, entry.SiloAddress), ("@alive", entry.IAmAliveTime.Ticks)]);
            if (updated == 0) LogHeartbeatWithoutRow(entry.SiloAddress);
            return updated;
        }, cancellationToken);
    }

    public Task DeleteMembershipTableEntriesAsync(string clusterId, CancellationToken cancellationToken) =>
        _file.WriteAsync(transaction =>
        {
            transaction.Execute("DELETE FROM membership WHERE cluster_id = @cluster", ("@cluster", clusterId));
            return transaction.Execute("DELETE FROM membership_version WHERE cluster_id = @cluster", ("@cluster", clusterId));
        }, cancellationToken);

    public async Task CleanupDefunctSiloEntriesAsync(DateTimeOffset beforeDate, CancellationToken cancellationToken)
    {
        // Orleans' rule: any status but Active whose last known update is older than the date (exclusive).
        var removed = await _file.WriteAsync(transaction => transaction.Execute(
            "DELETE FROM membership WHERE cluster_id = @cluster AND status <> @active AND last_update < @before",
            ("@cluster", _clusterId), ("@active", (int)SiloStatus.Active), ("@before", beforeDate.UtcTicks)), cancellationToken).ConfigureAwait(false);
        if (removed > 0) LogDefunctRemoved(removed, beforeDate);
    }

    // Orleans 10.4.2 still declares the tokenless members abstract, though obsolete; they are implemented
    // explicitly so this class's own surface has only the cancellable ones, where the work is.
    Task IMembershipTable.InitializeMembershipTable(bool tryInitTableVersion) => InitializeMembershipTableAsync(tryInitTableVersion, CancellationToken.None);

    Task<MembershipTableData> IMembershipTable.ReadRow(SiloAddress key) => ReadRowAsync(key, CancellationToken.None);

    Task<MembershipTableData> IMembershipTable.ReadAll() => ReadAllAsync(CancellationToken.None);

    Task<bool> IMembershipTable.InsertRow(MembershipEntry entry, TableVersion tableVersion) => InsertRowAsync(entry, tableVersion, CancellationToken.None);

    Task<bool> IMembershipTable.UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        UpdateRowAsync(entry, etag, tableVersion, CancellationToken.None);

    Task IMembershipTable.UpdateIAmAlive(MembershipEntry entry) => UpdateIAmAliveAsync(entry, CancellationToken.None);

    Task IMembershipTable.DeleteMembershipTableEntries(string clusterId) => DeleteMembershipTableEntriesAsync(clusterId, CancellationToken.None);

    Task IMembershipTable.CleanupDefunctSiloEntries(DateTimeOffset beforeDate) => CleanupDefunctSiloEntriesAsync(beforeDate, CancellationToken.None);

    public ValueTask DisposeAsync() => _file.DisposeAsync();

    private TableVersion? ReadVersion(SqliteTransaction transaction)
    {
        using var command = transaction.Command("SELECT version, etag FROM membership_version WHERE cluster_id = @cluster", ("@cluster", _clusterId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? new TableVersion(reader.GetInt32(0), reader.GetString(1)) : null;
    }

    private TableVersion RequireVersion(SqliteTransaction transaction) =>
        ReadVersion(transaction) ?? throw new InvalidOperationException(
            $"cluster {_clusterId} has no membership version row in {FilePath}; InitializeMembershipTable(true) creates it");

    /// <summary>
    /// The membership protocol's conditional write: if the table version still has the etag the caller read,
    /// run <paramref name="write"/>; if that changed a row, replace the version too. Otherwise change nothing
    /// and answer false.
    /// </summary>
    private Task<bool> WriteIfCurrentAsync(
        MembershipEntry entry, TableVersion tableVersion, string refusal, Func<SqliteTransaction, int> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tableVersion);
        return _file.WriteAsync(transaction =>
        {
            if (ReadVersion(transaction)?.VersionEtag != tableVersion.VersionEtag)
            {
                LogRefused(entry.SiloAddress, "the table version changed since it was read");
                return false;
            }
            if (write(transaction) == 0)
            {
                LogRefused(entry.SiloAddress, refusal);
                return false;
            }
            ReplaceVersion(transaction, tableVersion);
            return true;
        }, cancellationToken);
    }

    private void ReplaceVersion(SqliteTransaction transaction, TableVersion next) =>
        transaction.Execute("UPDATE membership_version SET version = @version, etag = @etag WHERE cluster_id = @cluster",
            ("@cluster", _clusterId), ("@version", next.Version), ("@etag", RandomETag.New()));

    private static List<Tuple<MembershipEntry, string>> ReadMembers(
        SqliteTransaction transaction, string filter, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = transaction.Command($"SELECT {MembershipRow.Columns} FROM membership WHERE {filter}", parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<Tuple<MembershipEntry, string>>();
        while (reader.Read()) rows.Add(MembershipRow.Read(reader));
        return rows;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "cluster {ClusterId}: created its membership version row in {File}")]
    private partial void LogVersionRowCreated(string clusterId, string file);

    [LoggerMessage(Level = LogLevel.Debug, Message = "membership write for silo {Silo} refused: {Reason}")]
    private partial void LogRefused(SiloAddress silo, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "heartbeat of silo {Silo} found no membership row to update")]
    private partial void LogHeartbeatWithoutRow(SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "removed {Count} defunct membership entries last updated before {BeforeDate}")]
    private partial void LogDefunctRemoved(int count, DateTimeOffset beforeDate);
}

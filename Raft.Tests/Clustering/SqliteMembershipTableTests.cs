using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Raft.Silo.Clustering;
using Raft.Silo.Storage;
using Raft.Tests.Storage;

namespace Raft.Tests.Clustering;

/// <summary>
/// Proves SqliteMembershipTable keeps the contract Orleans' own membership table tests state, on one SQLite
/// file per test: a new table is empty at version 0; an insert or update succeeds only with the table version's
/// current etag (and, for an update, the row's), then moves the version and its etag, and otherwise returns
/// false and changes nothing; an entry reads back whole; a heartbeat changes only the heartbeat, keeping both
/// etags usable; cleanup removes old entries that are not Active; deleting a cluster leaves others in the file.
/// Several table instances on one file stand in for several silo processes (each has its own connection and
/// SQLite locks): from one read exactly one insert wins, racing updaters each win in turn, and concurrent
/// first openers of a new file migrate it once.
/// </summary>
public sealed class SqliteMembershipTableTests : IAsyncLifetime
{
    private static int _nextGeneration;

    private readonly TempFolder _folder = new("membership");
    private readonly string _clusterId = "test-" + Guid.NewGuid().ToString("N");
    private readonly List<SqliteMembershipTable> _tables = [];
    private SqliteMembershipTable _table = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string FilePath => _folder.File("cluster.db");

    public async ValueTask InitializeAsync() => _table = await OpenAsync(_clusterId);

    public async ValueTask DisposeAsync()
    {
        foreach (var table in _tables) await table.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task ReadAll_NewTable_IsEmptyAtVersionZero()
    {
        var data = await _table.ReadAllAsync(Ct);
        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.False(string.IsNullOrEmpty(data.Version.VersionEtag));
    }

    [Fact]
    public async Task InsertRow_WithCurrentVersion_Succeeds_AndMovesVersionAndItsETag()
    {
        var before = (await _table.ReadAllAsync(Ct)).Version;
        var entry = NewEntry();

        Assert.True(await _table.InsertRowAsync(entry, before.Next(), Ct));

        var all = await _table.ReadAllAsync(Ct);
        var (stored, etag) = Assert.Single(all.Members);
        Assert.Equal(entry.ToFullString(), stored.ToFullString());
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(1, all.Version.Version);
        Assert.NotEqual(before.VersionEtag, all.Version.VersionEtag);

        var row = await _table.ReadRowAsync(entry.SiloAddress, Ct);
        Assert.Equal(all.Version, row.Version);
        Assert.Equal(etag, Assert.Single(row.Members).Item2);
        var absent = await _table.ReadRowAsync(NewEntry().SiloAddress, Ct);
        Assert.Empty(absent.Members);
        Assert.Equal(all.Version, absent.Version);
    }

    [Fact]
    public async Task InsertRow_StaleVersionOrExistingRow_ReturnsFalse_AndChangesNothing()
    {
        var before = (await _table.ReadAllAsync(Ct)).Version;
        var entry = NewEntry();
        Assert.True(await _table.InsertRowAsync(entry, before.Next(), Ct));
        var after = await _table.ReadAllAsync(Ct);

        Assert.False(await _table.InsertRowAsync(entry, before.Next(), Ct));
        Assert.False(await _table.InsertRowAsync(NewEntry(), before.Next(), Ct));
        Assert.False(await _table.InsertRowAsync(entry, after.Version.Next(), Ct));

        var now = await _table.ReadAllAsync(Ct);
        Assert.Single(now.Members);
        Assert.Equal(after.Version, now.Version);
    }

    [Fact]
    public async Task UpdateRow_NeedsCurrentVersionAndRowETag_AndReplacesTheWholeEntry()
    {
        var entry = NewEntry();
        var initial = (await _table.ReadAllAsync(Ct)).Version;
        Assert.True(await _table.InsertRowAsync(entry, initial.Next(), Ct));
        var read = await _table.ReadRowAsync(entry.SiloAddress, Ct);
        var rowETag = read.Members[0].Item2;

        entry.Status = SiloStatus.Active;
        entry.RoleName = "raft";
        entry.UpdateZone = 3;
        entry.FaultZone = 4;
        entry.IAmAliveTime = entry.IAmAliveTime.AddSeconds(30);
        entry.AddSuspector(NewEntry().SiloAddress, Exact(DateTime.UtcNow));
        entry.AddSuspector(NewEntry().SiloAddress, Exact(DateTime.UtcNow.AddSeconds(1)));

        Assert.False(await _table.UpdateRowAsync(entry, rowETag, initial.Next(), Ct), "stale table version");
        Assert.False(await _table.UpdateRowAsync(entry, "not-the-etag", read.Version.Next(), Ct), "wrong row etag");
        Assert.False(await _table.UpdateRowAsync(NewEntry(), rowETag, read.Version.Next(), Ct), "no such row");
        Assert.Equal(read.Version, (await _table.ReadAllAsync(Ct)).Version);

        Assert.True(await _table.UpdateRowAsync(entry, rowETag, read.Version.Next(), Ct));
        var updated = await _table.ReadRowAsync(entry.SiloAddress, Ct);
        var (stored, newETag) = Assert.Single(updated.Members);
        Assert.Equal(entry.ToFullString(), stored.ToFullString());
        Assert.Equal(2, updated.Version.Version);
        Assert.NotEqual(rowETag, newETag);

        Assert.False(await _table.UpdateRowAsync(entry, rowETag, updated.Version.Next(), Ct), "stale row etag");
        Assert.Equal(updated.Version, (await _table.ReadAllAsync(Ct)).Version);
    }

    [Fact]
    public async Task UpdateIAmAlive_ChangesOnlyTheHeartbeat_AndLeavesBothETagsUsable()
    {
        var entry = NewEntry();
        Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync(Ct)).Version.Next(), Ct));
        var before = await _table.ReadRowAsync(entry.SiloAddress, Ct);
        var alive = DateTime.UtcNow.AddSeconds(5);

        // Orleans sends only the address and the time.
        await _table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive }, Ct);

        var after = await _table.ReadRowAsync(entry.SiloAddress, Ct);
        var (stored, etag) = Assert.Single(after.Members);
        Assert.Equal(alive.Ticks, stored.IAmAliveTime.Ticks);
        entry.IAmAliveTime = alive;
        Assert.Equal(entry.ToFullString(), stored.ToFullString());
        Assert.Equal(before.Members[0].Item2, etag);
        Assert.Equal(before.Version, after.Version);

        entry.Status = SiloStatus.Active;
        Assert.True(await _table.UpdateRowAsync(entry, before.Members[0].Item2, before.Version.Next(), Ct));
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_RemovesOldEntriesThatAreNotActive()
    {
        var now = Exact(DateTime.UtcNow);
        var old = now.AddDays(-10);
        foreach (var status in Enum.GetValues<SiloStatus>()) await InsertAsync(NewEntry(status, old));
        var recent = await InsertAsync(NewEntry(SiloStatus.Joining, now));
        // Last heard from long ago, but declared dead just now: kept, so others still see the declaration.
        var declaredDead = NewEntry(SiloStatus.Dead, old);
        declaredDead.AddSuspector(recent.SiloAddress, now);
        await InsertAsync(declaredDead);
        var versionBefore = (await _table.ReadAllAsync(Ct)).Version;

        await _table.CleanupDefunctSiloEntriesAsync(now.AddDays(-3), Ct);

        var left = await _table.ReadAllAsync(Ct);
        Assert.Equal(
            new[] { (SiloStatus.Active, old), (SiloStatus.Joining, now), (SiloStatus.Dead, old) }.Order(),
            left.Members.Select(m => (m.Item1.Status, m.Item1.IAmAliveTime)).Order());
        Assert.Equal(versionBefore, left.Version);
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_RemovesThatClusterOnly()
    {
        var other = await OpenAsync("other-" + _clusterId);
        await InsertAsync(NewEntry());
        Assert.True(await other.InsertRowAsync(NewEntry(), (await other.ReadAllAsync(Ct)).Version.Next(), Ct));

        await _table.DeleteMembershipTableEntriesAsync(_clusterId, Ct);

        Assert.Single((await other.ReadAllAsync(Ct)).Members);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _table.ReadAllAsync(Ct));
        await _table.InitializeMembershipTableAsync(tryInitTableVersion: true, Ct);
        var fresh = await _table.ReadAllAsync(Ct);
        Assert.Empty(fresh.Members);
        Assert.Equal(0, fresh.Version.Version);
    }

    [Fact]
    public async Task TwoSilosOnOneFile_InsertFromTheSameRead_ExactlyOneWins()
    {
        var second = await OpenAsync(_clusterId);
        var version = (await _table.ReadAllAsync(Ct)).Version;

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => (i % 2 == 0 ? _table : second).InsertRowAsync(NewEntry(), version.Next(), Ct), Ct)));

        Assert.Single(results, won => won);
        var all = await second.ReadAllAsync(Ct);
        Assert.Single(all.Members);
        Assert.Equal(1, all.Version.Version);
    }

    [Fact]
    public async Task TwoSilosOnOneFile_RacingUpdaters_EachWinsOnce_AndTheVersionCountsEveryWin()
    {
        var second = await OpenAsync(_clusterId);
        var entry = await InsertAsync(NewEntry());
        const int updaters = 10;

        await Task.WhenAll(Enumerable.Range(0, updaters).Select(i => Task.Run(async () =>
        {
            var table = i % 2 == 0 ? _table : second;
            while (true)
            {
                var read = await table.ReadRowAsync(entry.SiloAddress, Ct);
                var (current, etag) = read.Members[0];
                current.IAmAliveTime = current.IAmAliveTime.AddSeconds(1);
                if (await table.UpdateRowAsync(current, etag, read.Version.Next(), Ct)) return;
            }
        }, Ct)));

        var all = await _table.ReadAllAsync(Ct);
        Assert.Equal(1 + updaters, all.Version.Version);
        Assert.Equal(entry.IAmAliveTime.AddSeconds(updaters), Assert.Single(all.Members).Item1.IAmAliveTime);
    }

    [Fact]
    public async Task ManySilosOpeningANewFileAtOnce_MigrateItOnce_AndShareOneVersionRow()
    {
        var file = _folder.File("new-cluster.db");
        var tables = Enumerable.Range(0, 8).Select(_ => Track(NewTable(file, _clusterId))).ToList();

        await Task.WhenAll(tables.Select(table => Task.Run(() => table.InitializeMembershipTableAsync(tryInitTableVersion: true, Ct), Ct)));

        await using var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        await raw.OpenAsync(Ct);
        Assert.Equal((long)SchemaScripts.For(SchemaScripts.SqliteCluster).Count, await ScalarAsync(raw, "SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(1L, await ScalarAsync(raw, "SELECT COUNT(*) FROM membership_version"));
        var versions = await Task.WhenAll(tables.Select(table => table.ReadAllAsync(Ct)));
        Assert.Single(versions.Select(data => data.Version).Distinct());
    }

    private async Task<SqliteMembershipTable> OpenAsync(string clusterId)
    {
        var table = Track(NewTable(FilePath, clusterId));
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, Ct);
        return table;
    }

    private SqliteMembershipTable Track(SqliteMembershipTable table)
    {
        lock (_tables) _tables.Add(table);
        return table;
    }

    private static SqliteMembershipTable NewTable(string file, string clusterId) =>
        new(file, Options.Create(new ClusterOptions { ClusterId = clusterId }), NullLogger<SqliteMembershipTable>.Instance);

    private async Task<MembershipEntry> InsertAsync(MembershipEntry entry)
    {
        Assert.True(await _table.InsertRowAsync(entry, (await _table.ReadAllAsync(Ct)).Version.Next(), Ct));
        return entry;
    }

    private static MembershipEntry NewEntry(SiloStatus status = SiloStatus.Joining, DateTime? time = null)
    {
        var silo = SiloAddress.New(IPAddress.Loopback, 11111, Interlocked.Increment(ref _nextGeneration));
        var at = time ?? Exact(DateTime.UtcNow);
        return new MembershipEntry
        {
            SiloAddress = silo,
            HostName = "localhost",
            SiloName = $"silo-{silo.Generation}",
            Status = status,
            ProxyPort = 30000,
            StartTime = at,
            IAmAliveTime = at,
        };
    }

    // Orleans prints times to the millisecond; whole seconds keep printed entries comparable.
    private static DateTime Exact(DateTime time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(Ct);
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Raft.Silo.Reminders;
using Raft.Tests.Storage;

namespace Raft.Tests.Reminders;

/// <summary>
/// Proves SqliteReminderTable keeps the contract Orleans' own reminder table tests state: an upsert stores a
/// reminder whole and answers a new etag each time; a grain's reminders read back by grain and by name; a
/// range read returns exactly the reminders whose grain hash is in (begin, end], the range wrapping past zero
/// when begin ≥ end (all of them when equal), checked against the hashes for boundaries and random ranges;
/// a removal needs the current etag and the right name; clearing empties one service's reminders only. A
/// second table on the same file (another silo) sees what the first wrote.
/// </summary>
public sealed class SqliteReminderTableTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("reminders");
    private readonly string _serviceId = "service-" + Guid.NewGuid().ToString("N");
    private readonly List<SqliteReminderTable> _tables = [];
    private SqliteReminderTable _table = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _table = await OpenAsync(_serviceId);

    public async ValueTask DisposeAsync()
    {
        foreach (var table in _tables) await table.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Upsert_StoresTheReminderWhole_AndEachUpsertAnswersANewETag()
    {
        var reminder = NewReminder(NewGrain(), "tick/with \\ odd #chars?");
        var first = await _table.UpsertRow(reminder, Ct);

        var read = await _table.ReadRow(reminder.GrainId, reminder.ReminderName, Ct);
        Assert.NotNull(read);
        Assert.Equal(first, read.ETag);
        Assert.Equal(reminder.GrainId, read.GrainId);
        Assert.Equal(reminder.ReminderName, read.ReminderName);
        Assert.Equal(reminder.StartAt, read.StartAt);
        Assert.Equal(DateTimeKind.Utc, read.StartAt.Kind);
        Assert.Equal(reminder.Period, read.Period);

        reminder.Period = TimeSpan.FromSeconds(90);
        var etags = new HashSet<string?> { first };
        for (var i = 0; i < 5; i++) Assert.True(etags.Add(await _table.UpsertRow(reminder, Ct)));
        var updated = await _table.ReadRow(reminder.GrainId, reminder.ReminderName, Ct);
        Assert.Equal(TimeSpan.FromSeconds(90), updated!.Period);
        Assert.Single(await AllAsync(_table));
    }

    [Fact]
    public async Task ReadRows_ByGrain_ReturnsThatGrainsRemindersOnly()
    {
        var grain = NewGrain();
        await _table.UpsertRow(NewReminder(grain, "a"), Ct);
        await _table.UpsertRow(NewReminder(grain, "b"), Ct);
        await _table.UpsertRow(NewReminder(NewGrain(), "a"), Ct);

        var rows = await _table.ReadRows(grain, Ct);
        Assert.Equal(["a", "b"], rows.Reminders.Select(r => r.ReminderName).Order());
        Assert.All(rows.Reminders, r => Assert.Equal(grain, r.GrainId));
        Assert.Null(await _table.ReadRow(grain, "c", Ct));
    }

    [Fact]
    public async Task ReadRows_ByRange_ReturnsHashesInBeginExclusiveEndInclusive_WrappingPastZero()
    {
        var reminders = Enumerable.Range(0, 300).Select(i => NewReminder(NewGrain(), $"r{i}")).ToList();
        foreach (var reminder in reminders) await _table.UpsertRow(reminder, Ct);
        var hashes = reminders.Select(r => r.GrainId.GetUniformHashCode()).ToArray();
        var some = hashes[0];

        List<(uint Begin, uint End)> ranges =
        [
            (0, uint.MaxValue), (0, 0), (uint.MaxValue, uint.MaxValue), (some, some),
            (some, some == uint.MaxValue ? 0 : some + 1), (some - 1, some), (uint.MaxValue / 2, uint.MaxValue / 4),
        ];
        var random = new Random(20260822);
        for (var i = 0; i < 100; i++) ranges.Add(((uint)random.NextInt64(0, 1L << 32), (uint)random.NextInt64(0, 1L << 32)));

        foreach (var (begin, end) in ranges)
        {
            var expected = hashes.Where(h => begin < end ? h > begin && h <= end : h > begin || h <= end).Order();
            var rows = await _table.ReadRows(begin, end, Ct);
            Assert.True(expected.SequenceEqual(rows.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order()), $"range ({begin}, {end}]");
        }
        Assert.Equal(300, (await _table.ReadRows(0, 0, Ct)).Reminders.Count);
    }

    [Fact]
    public async Task RemoveRow_NeedsTheCurrentETagAndTheRightName()
    {
        var reminder = NewReminder(NewGrain(), "tick");
        var stale = await _table.UpsertRow(reminder, Ct);
        var current = await _table.UpsertRow(reminder, Ct);

        Assert.False(await _table.RemoveRow(reminder.GrainId, reminder.ReminderName, stale!, Ct), "stale etag");
        Assert.False(await _table.RemoveRow(reminder.GrainId, "other", current!, Ct), "wrong name");
        Assert.NotNull(await _table.ReadRow(reminder.GrainId, reminder.ReminderName, Ct));
        Assert.True(await _table.RemoveRow(reminder.GrainId, reminder.ReminderName, current!, Ct));
        Assert.False(await _table.RemoveRow(reminder.GrainId, reminder.ReminderName, current!, Ct), "already removed");
        Assert.Null(await _table.ReadRow(reminder.GrainId, reminder.ReminderName, Ct));
    }

    [Fact]
    public async Task TwoSilosOnOneFile_ShareReminders_AndClearingEmptiesOneServiceOnly()
    {
        var otherSilo = await OpenAsync(_serviceId);
        var otherService = await OpenAsync("other-" + _serviceId);
        var reminder = NewReminder(NewGrain(), "tick");
        var etag = await _table.UpsertRow(reminder, Ct);
        await otherService.UpsertRow(NewReminder(NewGrain(), "tick"), Ct);

        Assert.Equal(etag, (await otherSilo.ReadRow(reminder.GrainId, reminder.ReminderName, Ct))?.ETag);
        Assert.Single(await AllAsync(otherSilo));

        await otherSilo.TestOnlyClearTable(Ct);
        Assert.Empty(await AllAsync(_table));
        Assert.Single(await AllAsync(otherService));
    }

    private async Task<SqliteReminderTable> OpenAsync(string serviceId)
    {
        var table = new SqliteReminderTable(_folder.File("cluster.db"),
            Options.Create(new ClusterOptions { ClusterId = "cluster", ServiceId = serviceId }), NullLogger<SqliteReminderTable>.Instance);
        _tables.Add(table);
        await table.StartAsync(Ct);
        return table;
    }

    private static async Task<IList<ReminderEntry>> AllAsync(SqliteReminderTable table) => (await table.ReadRows(0, 0, Ct)).Reminders;

    // Keys may hold the separator GrainId.ToString() puts after the type.
    private static GrainId NewGrain() => GrainId.Create("test-remindable", $"key/{Guid.NewGuid():N}");

    private static ReminderEntry NewReminder(GrainId grain, string name) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = DateTime.UtcNow,
        Period = TimeSpan.FromMinutes(1),
    };
}

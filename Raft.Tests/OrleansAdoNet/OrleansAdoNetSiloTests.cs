using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Storage;
using Raft.Silo.Storage;
using Raft.Tests.Hosting;
using Raft.Tests.Integration;

namespace Raft.Tests.OrleansAdoNet;

/// <summary>
/// Runs real Orleans silos in process on Orleans' own ADO.NET providers over our PostgreSQL scripts: the
/// silo lists itself in the membership table; a grain's state survives a silo restart and its reminder, kept
/// in the reminder table, ticks again on the new silo; a write with a stale ETag, or a second first-write,
/// throws InconsistentStateException (also with many first-writes racing); a store that deletes on clear
/// removes the row; heartbeats, defunct-silo cleanup and forgetting a cluster change only the rows they
/// should; and two silos whose Raft logs are
/// in separate schemas form one cluster through a shared Orleans schema. Each test has its own schemas and
/// cluster id. In the integration collection: the silos run real timers.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class OrleansAdoNetSiloTests
{
    private const int Active = 3; // SiloStatus.Active as the membership table stores it

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string NewClusterId() => $"cluster-{Guid.NewGuid():N}";

    [Fact]
    public async Task Silo_OnAdoNetClustering_ListsItselfActiveInTheMembershipTable()
    {
        await using var schema = await PostgresTestSchema.CreateAsync("membership");
        var clusterId = NewClusterId();
        await using var silo = await AdoNetSilo.StartAsync(schema.ConnectionString, clusterId);

        var rows = await schema.RowsAsync(
            "SELECT Port, Status FROM OrleansMembershipTable WHERE DeploymentId = @cluster", ("cluster", clusterId));

        var row = Assert.Single(rows);
        Assert.Equal(silo.SiloPort, (int)row[0]);
        Assert.Equal(Active, (int)row[1]);
        // The provider binds UTC DateTimes; stored as timestamptz they must read back as this moment, not
        // shifted by a session time zone.
        Assert.True((bool)(await schema.ScalarAsync(
            "SELECT bool_and(abs(extract(epoch FROM now() - IAmAliveTime)) < 60) FROM OrleansMembershipTable"))!);
        // Joining took at least one versioned write (insert as Joining, then update to Active).
        Assert.True((int)(await schema.ScalarAsync(
            "SELECT Version FROM OrleansMembershipVersionTable WHERE DeploymentId = @cluster", ("cluster", clusterId)))! >= 2);
    }

    [Fact]
    public async Task GrainState_SurvivesASiloRestart_AndItsReminderTicksOnTheNewSilo()
    {
        await using var schema = await PostgresTestSchema.CreateAsync("restart");
        var clusterId = NewClusterId();
        var key = Guid.NewGuid().ToString("N");
        int ticksBeforeRestart;
        string grainId;

        await using (var silo = await AdoNetSilo.StartAsync(schema.ConnectionString, clusterId))
        {
            var grain = silo.Grains.GetGrain<IProbeGrain>(key);
            grainId = grain.GetGrainId().ToString();
            await grain.SetAsync("before restart");
            await grain.RegisterReminderAsync("tick", TimeSpan.FromSeconds(1));

            var reminder = Assert.Single(await schema.RowsAsync(
                "SELECT ReminderName, Period FROM OrleansRemindersTable WHERE ServiceId = @service AND GrainId = @grain",
                ("service", AdoNetSilo.ServiceId), ("grain", grainId)));
            Assert.Equal("tick", reminder[0]);
            Assert.Equal(1000L, reminder[1]);

            await Eventually.UntilAsync(async () => (await grain.GetAsync()).Ticks >= 1, async () => $"ticks {(await grain.GetAsync()).Ticks}");
            ticksBeforeRestart = (await grain.GetAsync()).Ticks;
            await silo.StopAsync();
        }

        await using (var silo = await AdoNetSilo.StartAsync(schema.ConnectionString, clusterId))
        {
            var grain = silo.Grains.GetGrain<IProbeGrain>(key);
            var state = await grain.GetAsync();
            Assert.Equal("before restart", state.Value);
            Assert.True(state.Ticks >= ticksBeforeRestart, $"ticks went back from {ticksBeforeRestart} to {state.Ticks}");

            // Only the reminder table tells the new silo about the reminder: a tick now proves it was read back.
            await Eventually.UntilAsync(async () => (await grain.GetAsync()).Ticks > state.Ticks,
                async () => $"ticks {(await grain.GetAsync()).Ticks}, {state.Ticks} at restart");

            await grain.UnregisterReminderAsync("tick");
            Assert.Equal(0L, await schema.ScalarAsync("SELECT count(*) FROM OrleansRemindersTable WHERE GrainId = @grain", ("grain", grainId)));
        }
    }

    [Fact]
    public async Task Write_WithAStaleETag_ThrowsInconsistentState()
    {
        await using var schema = await PostgresTestSchema.CreateAsync("etag");
        await using var silo = await AdoNetSilo.StartAsync(schema.ConnectionString, NewClusterId());
        var id = GrainId.Create("probe", Guid.NewGuid().ToString("N"));
        var mine = await ReadAsync(silo, id);
        var theirs = await ReadAsync(silo, id);

        // Both start from "no record": the first first-write wins, the second must not insert a twin.
        mine.State = new ProbeState { Value = "mine" };
        await silo.Storage.WriteStateAsync(ProbeType, id, mine);
        theirs.State = new ProbeState { Value = "theirs" };
        await Assert.ThrowsAsync<InconsistentStateException>(() => silo.Storage.WriteStateAsync(ProbeType, id, theirs));

        // Both at version 1; mine moves on to 2, theirs still holds 1 and is refused, for a write and a clear.
        theirs = await ReadAsync(silo, id);
        Assert.Equal(mine.ETag, theirs.ETag);
        await silo.Storage.WriteStateAsync(ProbeType, id, mine);
        Assert.NotEqual(mine.ETag, theirs.ETag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => silo.Storage.WriteStateAsync(ProbeType, id, theirs));
        await Assert.ThrowsAsync<InconsistentStateException>(() => silo.Storage.ClearStateAsync(ProbeType, id, theirs));

        var stored = await ReadAsync(silo, id);
        Assert.Equal("mine", stored.State?.Value);
        Assert.Equal(mine.ETag, stored.ETag);
        await silo.Storage.ClearStateAsync(ProbeType, id, stored);
        Assert.False((await ReadAsync(silo, id)).RecordExists);
    }

    [Fact]
    public async Task Clear_OnAStoreThatDeletes_RemovesTheRow_AndTheNextWriteStartsOver()
    {
        await using var schema = await PostgresTestSchema.CreateAsync("delete");
        await using var silo = await AdoNetSilo.StartAsync(schema.ConnectionString, NewClusterId());
        var id = GrainId.Create("probe", Guid.NewGuid().ToString("N"));
        var state = new GrainState<ProbeState>(new ProbeState { Value = "doomed" });
        await silo.DeletingStorage.WriteStateAsync(ProbeType, id, state);
        var stale = new GrainState<ProbeState>(new ProbeState()) { ETag = state.ETag };
        await silo.DeletingStorage.WriteStateAsync(ProbeType, id, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => silo.DeletingStorage.ClearStateAsync(ProbeType, id, stale));
        await silo.DeletingStorage.ClearStateAsync(ProbeType, id, state);

        Assert.Null(state.ETag);
        Assert.Equal(0L, await schema.ScalarAsync("SELECT count(*) FROM OrleansStorage"));
        state.State = new ProbeState { Value = "again" };
        await silo.DeletingStorage.WriteStateAsync(ProbeType, id, state);
        Assert.Equal("1", state.ETag);
    }

    [Fact]
    public async Task Membership_HeartbeatAndDefunctCleanup_TouchOnlyTheirRows()
    {
        await using var schema = await PostgresTestSchema.CreateAsync("defunct");
        var clusterId = NewClusterId();
        await using (var first = await AdoNetSilo.StartAsync(schema.ConnectionString, clusterId))
            await first.StopAsync(); // leaves its row behind, marked Dead
        await using var silo = await AdoNetSilo.StartAsync(schema.ConnectionString, clusterId);
        var table = silo.Services.GetRequiredService<IMembershipTable>();
        var self = (await table.ReadAllAsync(Ct)).Members.Select(m => m.Item1).Single(m => m.Status == SiloStatus.Active);
        var versionBefore = await schema.ScalarAsync("SELECT Version FROM OrleansMembershipVersionTable");

        // A heartbeat moves the silo's own time and leaves the table version alone.
        self.IAmAliveTime = DateTime.UtcNow.AddMinutes(5);
        await table.UpdateIAmAliveAsync(self, Ct);
        Assert.Equal(versionBefore, await schema.ScalarAsync("SELECT Version FROM OrleansMembershipVersionTable"));
        var alive = (DateTime)(await schema.ScalarAsync("SELECT IAmAliveTime FROM OrleansMembershipTable WHERE Status = 3"))!;
        Assert.True((alive - self.IAmAliveTime).Duration() < TimeSpan.FromMilliseconds(1), $"stored {alive:O}, sent {self.IAmAliveTime:O}");

        // Cleanup with a cutoff after both rows' times: the dead silo goes, the active one stays.
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1), Ct);
        var rows = await schema.RowsAsync("SELECT Port, Status FROM OrleansMembershipTable");
        var row = Assert.Single(rows);
        Assert.Equal((silo.SiloPort, Active), ((int)row[0], (int)row[1]));

        // Forgetting the cluster takes its version row and, with it, every silo row. (Stopped first: a live
        // silo whose table is gone spends minutes retrying its shutdown writes.)
        await silo.StopAsync();
        await table.DeleteMembershipTableEntriesAsync(clusterId, Ct);
        Assert.Equal(0L, await schema.ScalarAsync("SELECT count(*) FROM OrleansMembershipTable"));
        Assert.Equal(0L, await schema.ScalarAsync("SELECT count(*) FROM OrleansMembershipVersionTable"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task FirstWrites_RacingForOneGrain_ExactlyOneWins(bool stringKey)
    {
        await using var schema = await PostgresTestSchema.CreateAsync("race");
        await using var silo = await AdoNetSilo.StartAsync(schema.ConnectionString, NewClusterId());
        // A key that parses as a GUID is stored as two integers with a NULL string key, which the uniqueness
        // of the grain's row must still cover; any other key is stored as the string.
        var id = GrainId.Create("probe", stringKey ? $"race-{Guid.NewGuid():N}" : Guid.NewGuid().ToString("N"));

        // Like two activations of one grain during a membership change, each believing no record exists.
        var writers = Enumerable.Range(0, 16).Select(i => new GrainState<ProbeState>(new ProbeState { Value = $"writer {i}" })).ToList();
        var outcomes = await Task.WhenAll(writers.Select(writer => Task.Run(async () =>
        {
            try
            {
                await silo.Storage.WriteStateAsync(ProbeType, id, writer);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        }, Ct)));

        var winner = writers[Assert.Single(Enumerable.Range(0, outcomes.Length), i => outcomes[i])];
        Assert.Equal(1L, await schema.ScalarAsync("SELECT count(*) FROM OrleansStorage"));
        Assert.Equal(stringKey, await schema.ScalarAsync("SELECT GrainIdExtensionString IS NOT NULL FROM OrleansStorage"));
        Assert.Equal(winner.State?.Value, (await ReadAsync(silo, id)).State?.Value);
    }

    [Fact]
    public async Task TwoSilos_WithOwnRaftSchemas_FormOneClusterThroughASharedOrleansSchema()
    {
        // As the test cluster lays it out: each silo's Raft log in its own schema, Orleans' tables in one schema
        // all silos of the cluster share (membership and reminders must be shared; grain state too, since a
        // grain may activate on any silo). Only the connection strings' Search Path tells them apart.
        await using var shared = await PostgresTestSchema.CreateAsync("shared");
        await using var raftA = await PostgresTestSchema.CreateAsync("raft_a");
        await using var raftB = await PostgresTestSchema.CreateAsync("raft_b");
        await using var logA = new PostgresStorageProvider(raftA.ConnectionString);
        await using var logB = new PostgresStorageProvider(raftB.ConnectionString);
        await logA.OpenAsync(Ct);
        await logB.OpenAsync(Ct);
        var clusterId = NewClusterId();

        await using var siloA = await AdoNetSilo.StartAsync(shared.ConnectionString, clusterId);
        await using var siloB = await AdoNetSilo.StartAsync(shared.ConnectionString, clusterId);

        foreach (var silo in new[] { siloA, siloB })
        {
            var membership = silo.Services.GetRequiredService<IClusterMembershipService>();
            await Eventually.UntilAsync(
                () => membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active) == 2,
                () => string.Join(", ", membership.CurrentSnapshot.Members.Values.Select(m => $"{m.SiloAddress} {m.Status}")));
        }
        var rows = await shared.RowsAsync("SELECT Port FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Status = 3",
            ("cluster", clusterId));
        Assert.Equal(new[] { siloA.SiloPort, siloB.SiloPort }.Order(), rows.Select(row => (int)row[0]).Order());
        Assert.Equal(0L, await raftA.ScalarAsync("SELECT count(*) FROM OrleansMembershipTable"));
        Assert.Equal(0L, await raftB.ScalarAsync("SELECT count(*) FROM OrleansMembershipTable"));

        // Grain state written through one silo's provider is what the other silo's provider reads.
        var id = GrainId.Create("probe", Guid.NewGuid().ToString("N"));
        var written = new GrainState<ProbeState>(new ProbeState { Value = "via A" });
        await siloA.Storage.WriteStateAsync(ProbeType, id, written);
        var read = await ReadAsync(siloB, id);
        Assert.Equal("via A", read.State?.Value);
        Assert.Equal(written.ETag, read.ETag);
    }

    private const string ProbeType = "Raft.Tests.OrleansAdoNet.ProbeGrain";

    private static async Task<GrainState<ProbeState>> ReadAsync(AdoNetSilo silo, GrainId id)
    {
        var state = new GrainState<ProbeState>(new ProbeState());
        await silo.Storage.ReadStateAsync(ProbeType, id, state);
        return state;
    }
}

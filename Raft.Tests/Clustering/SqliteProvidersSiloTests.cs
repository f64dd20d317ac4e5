using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Raft.Silo.Clustering;
using Raft.Silo.Persistence;
using Raft.Silo.Reminders;
using Raft.Tests.Hosting;
using Raft.Tests.Storage;

namespace Raft.Tests.Clustering;

/// <summary>
/// Proves the three SQLite providers work inside a real Orleans 10.4.2 silo, hosted in process with the
/// generic host and no other service: the silo joins its cluster through SqliteMembershipTable, a grain
/// writes its [PersistentState] through SqliteGrainStorage and registers a reminder in SqliteReminderTable,
/// which fires. Then the silo stops and a new one starts on the same files: it finds the grain's state and
/// its reminder, the reminder fires again (the new silo read it from the table by its hash range), and the
/// membership file shows the first silo left and the second is active. Two silos started on one cluster file
/// find each other there, with no primary silo, and the survivor sees the other leave when it stops.
/// </summary>
[Collection(Raft.Tests.Integration.IntegrationCollection.Name)]
public sealed class SqliteProvidersSiloTests : IDisposable
{
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(1);

    private readonly TempFolder _folder = new("sqlite-silo");
    private readonly string _clusterId = "cluster-" + Guid.NewGuid().ToString("N");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _folder.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task Silo_OnSqliteProviders_KeepsStateAndRemindersAcrossARestart()
    {
        var grainKey = "one";
        int ticksAtStop;
        using (var first = await StartSiloAsync())
        {
            var grain = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IRememberingGrain>(grainKey);
            Assert.Equal(1, await grain.IncrementAsync());
            Assert.Equal(2, await grain.IncrementAsync());
            await grain.StartReminderAsync(ReminderPeriod);
            await Eventually.UntilAsync(async () => (await grain.GetStateAsync()).Ticks >= 1, async () => $"ticks {(await grain.GetStateAsync()).Ticks}",
                TimeSpan.FromSeconds(20));
            ticksAtStop = (await grain.GetStateAsync()).Ticks;
            await first.StopAsync(Ct);
        }

        using var second = await StartSiloAsync();
        var again = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IRememberingGrain>(grainKey);
        var restored = await again.GetStateAsync();
        Assert.Equal(2, restored.Count);
        Assert.True(restored.Ticks >= ticksAtStop, $"ticks went back from {ticksAtStop} to {restored.Ticks}");
        Assert.True(await again.HasReminderAsync());
        await Eventually.UntilAsync(async () => (await again.GetStateAsync()).Ticks > restored.Ticks,
            async () => $"ticks {(await again.GetStateAsync()).Ticks}, {restored.Ticks} at restart", TimeSpan.FromSeconds(20));
        Assert.Equal(3, await again.IncrementAsync());

        var table = Assert.IsType<SqliteMembershipTable>(second.Services.GetRequiredService<IMembershipTable>());
        var members = await table.ReadAllAsync(Ct);
        Assert.Equal([SiloStatus.Active, SiloStatus.Dead], members.Members.Select(m => m.Item1.Status).Order());
        await second.StopAsync(Ct);
    }

    [Fact(Timeout = 60_000)]
    public async Task TwoSilos_OnOneClusterFile_FindEachOther_AndSeeAStoppedOneLeave()
    {
        using var first = await StartSiloAsync();
        using var second = await StartSiloAsync();
        var firstView = first.Services.GetRequiredService<IClusterMembershipService>();
        var secondView = second.Services.GetRequiredService<IClusterMembershipService>();
        static int Active(IClusterMembershipService view) => view.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);

        await Eventually.UntilAsync(() => Active(firstView) == 2 && Active(secondView) == 2,
            () => $"first sees {Active(firstView)} active, second sees {Active(secondView)}", TimeSpan.FromSeconds(30));

        await first.StopAsync(Ct);
        await Eventually.UntilAsync(() => Active(secondView) == 1, () => $"second sees {Active(secondView)} active", TimeSpan.FromSeconds(30));
        await second.StopAsync(Ct);
    }

    private async Task<IHost> StartSiloAsync()
    {
        // No defaults: the appsettings.json beside the test binary belongs to Raft.Silo, not to this silo.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo
            .Configure<ClusterOptions>(options =>
            {
                options.ClusterId = _clusterId;
                options.ServiceId = "raft-tests";
            })
            .Configure<ReminderOptions>(options => options.MinimumReminderPeriod = ReminderPeriod)
            .ConfigureEndpoints(IPAddress.Loopback, FreePort(), FreePort())
            .UseSqliteClustering(_folder.File("cluster.db"))
            .UseSqliteReminders(_folder.File("cluster.db"))
            .AddSqliteGrainStorage(RememberingGrain.StorageName, _folder.File("raft.db")));
        var host = builder.Build();
        await host.StartAsync(Ct);
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

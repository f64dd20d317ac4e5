using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Storage;
using Raft.Silo.Storage;
using Raft.TestCluster;

namespace Raft.Tests.OrleansAdoNet;

/// <summary>
/// One real Orleans silo in this process whose membership, grain storage and reminders all use Orleans' own
/// ADO.NET providers on PostgreSQL (invariant "Npgsql"), against the schema the connection string's Search
/// Path names. The schema is migrated with <see cref="PostgresSchema"/> before the host starts, as a
/// production silo must: the providers read their query texts at start and create nothing.
/// </summary>
public sealed class AdoNetSilo : IAsyncDisposable
{
    public const string StoreName = "probe-store";

    /// <summary>A second grain storage on the same tables that deletes the row on clear (DeleteStorageKey).</summary>
    public const string DeletingStoreName = "probe-store-deleting";

    public const string ServiceId = "raft-adonet-tests";

    private readonly IHost _host;
    private bool _stopped;

    private AdoNetSilo(IHost host, int siloPort)
    {
        _host = host;
        SiloPort = siloPort;
    }

    public int SiloPort { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The grain storage provider itself, for writes that bypass a grain.</summary>
    public IGrainStorage Storage => _host.Services.GetRequiredKeyedService<IGrainStorage>(StoreName);

    /// <summary>The storage named <see cref="DeletingStoreName"/>.</summary>
    public IGrainStorage DeletingStorage => _host.Services.GetRequiredKeyedService<IGrainStorage>(DeletingStoreName);

    /// <param name="orleansConnectionString">Where the Orleans tables are: shared by every silo of the cluster.</param>
    /// <param name="clusterId">The cluster (membership DeploymentId); silos with the same one join each other.</param>
    /// <param name="siloPort">The silo-to-silo port; 0 picks a free one. A restarted silo keeps its port and gets a new generation.</param>
    public static async Task<AdoNetSilo> StartAsync(string orleansConnectionString, string clusterId, int siloPort = 0)
    {
        var ct = TestContext.Current.CancellationToken;
        await PostgresSchema.MigrateAsync(orleansConnectionString, ct);
        if (siloPort == 0) siloPort = TestClusterPorts.Unused();
        var gatewayPort = TestClusterPorts.Unused();

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = PostgresSchema.AdoNetInvariant;
                options.ConnectionString = orleansConnectionString;
            });
            silo.AddAdoNetGrainStorage(StoreName, options =>
            {
                options.Invariant = PostgresSchema.AdoNetInvariant;
                options.ConnectionString = orleansConnectionString;
            });
            silo.AddAdoNetGrainStorage(DeletingStoreName, options =>
            {
                options.Invariant = PostgresSchema.AdoNetInvariant;
                options.ConnectionString = orleansConnectionString;
                options.DeleteStateOnClear = true;
            });
            silo.UseAdoNetReminderService(options =>
            {
                options.Invariant = PostgresSchema.AdoNetInvariant;
                options.ConnectionString = orleansConnectionString;
            });
            // Reminders refuse periods under a minute by default; the tests wait for ticks a second apart.
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(ct);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new AdoNetSilo(host, siloPort);
    }

    /// <summary>Stops the silo gracefully: it marks itself Dead in the membership table and deactivates its grains.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _host.StopAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}

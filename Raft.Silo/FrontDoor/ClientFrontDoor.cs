using OpenTelemetry.Metrics;
using Raft.Grains.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;
using Raft.Silo.Configuration;
using Raft.Silo.Dashboard;
using Raft.Silo.Hosting;
using Raft.Silo.Http;
using Raft.Silo.LineProtocol;

namespace Raft.Silo.FrontDoor;

/// <summary>
/// The silo's doors for clients that do not speak Orleans: the HTTP API (and <c>/</c>, <c>/status</c>) on the
/// client URL and the seeds' line protocol, served by a Kestrel application of their own that calls the
/// silo's client grain. A hosted service beside the Orleans silo, started after it, so the same composition
/// runs in a silo process and in the in-process test cluster.
/// </summary>
public sealed class ClientFrontDoor(SiloOptions options, IServiceProvider silo, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The URLs the HTTP API bound (port 0 resolves to a real port); empty until started.</summary>
    public IReadOnlyList<string> ClientAddresses { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = SiloApplication.ShutdownTimeout);
        var grains = silo.GetRequiredService<IGrainFactory>();
        var clientGrain = grains.GetGrain<IClientGrain>(0);
        var limits = silo.GetRequiredService<StateMachineLimits>();
        var time = silo.GetRequiredService<TimeProvider>();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(grains);
        builder.Services.AddSingleton(clientGrain);
        builder.Services.AddSingleton(limits);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(silo.GetRequiredService<IPeerStorageFactory>());
        if (silo.GetService<HttpApiOptions>() is { } apiOptions) builder.Services.AddSingleton(apiOptions);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            KestrelListeners.ListenUrl(kestrel, options.ClientUrl);
            if (options.LinePort is > 0 and var linePort)
                KestrelListeners.ListenHostPort(kestrel, $"{new Uri(options.ClientUrl).Host}:{linePort}", listen => listen.UseLineProtocol());
        });
        if (options.LinePort is > 0)
        {
            // The line protocol refuses what the state machine would refuse, before reading it.
            builder.Services.AddLineProtocolServer(new LineProtocolOptions
            {
                MaxValueBytes = limits.MaxValueBytes,
                MaxNameBytes = Math.Min(LineProtocolOptions.DefaultMaxNameBytes, limits.MaxKeyBytes),
            });
            builder.Services.AddSingleton<ILineStore>(new ClusterLineStore(clientGrain, time, limits));
        }
        // Prometheus text at /metrics: the peers' instruments (Raft.Grains.Metrics) through OpenTelemetry.
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(RaftMetrics.MeterName).AddPrometheusExporter());
        // The Raft dashboard polls the peers only while a page watches; its streams end when the host stops.
        builder.Services.AddSingleton(silo.GetRequiredService<IRaftGroupTopology>());
        builder.Services.AddSingleton(sp => new DashboardFeed(options.Name, options.Dashboard, grains,
            silo.GetRequiredService<IRaftGroupTopology>(), silo.GetRequiredService<IClusterMembershipService>(), time,
            loggerFactory.CreateLogger<DashboardFeed>()));
        var dashboard = silo.GetService<OrleansDashboardBridge>();
        dashboard?.Forward(builder.Services, silo);
        var app = builder.Build();
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (dashboard is not null) OrleansDashboardBridge.Map(app);
        app.Lifetime.ApplicationStopping.Register(() => app.Services.GetRequiredService<DashboardFeed>().Stop());
        DashboardEndpoints.Map(app, options.Dashboard.Controls);
        SiloEndpoints.Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        var linePortText = options.LinePort?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ClientAddresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            .Where(a => linePortText is null || !a.EndsWith(":" + linePortText, StringComparison.Ordinal))
            .ToArray() ?? [];
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync().ConfigureAwait(false);
        _app = null;
    }
}

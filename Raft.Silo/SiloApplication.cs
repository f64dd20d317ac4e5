using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Raft.Silo.Configuration;
using Raft.Silo.Http;
using Raft.Silo.GrainCalls;
using Raft.Silo.Hosting;
using Raft.Silo.LineProtocol;
using Raft.Silo.Transport;
using Raft.Grains.Client;

namespace Raft.Silo;

/// <summary>
/// Composes one silo process: configuration, the grain host with its peers, the client HTTP API, and the
/// generic host's lifetime (SIGTERM and Ctrl-C stop it gracefully). Tests build the same application
/// in-process, adding their own configuration and services.
/// </summary>
public static partial class SiloApplication
{
    /// <summary>Kestrel, then every peer, must be down within 5 s of SIGTERM; keep a margin for process exit.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(4);

    /// <exception cref="SiloOptionsException">The options cannot work; the message is one line.</exception>
    public static WebApplication Build(string[] args, Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json sits next to the binary, wherever the silo is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        SiloConfigurationSources.Add(builder.Configuration, args);
        configure?.Invoke(builder.Configuration);
        var options = SiloOptionsLoader.Load(builder.Configuration);

        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        var remoteMembers = SiloTransportRegistration.HasRemoteMembers(options);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            KestrelListeners.ListenUrl(kestrel, options.ClientUrl);
            if (remoteMembers) KestrelListeners.ListenHostPort(kestrel, options.SiloAddress, listen => listen.UseSiloTransport());
            if (options.LinePort is > 0 and var linePort)
                KestrelListeners.ListenHostPort(kestrel, $"{new Uri(options.ClientUrl).Host}:{linePort}", listen => listen.UseLineProtocol());
        });
        if (options.LinePort is > 0)
        {
            // The line protocol refuses what the state machine would refuse, before reading it.
            var limits = options.Limits;
            builder.Services.AddLineProtocolServer(new LineProtocolOptions
            {
                MaxValueBytes = limits.MaxValueBytes,
                MaxNameBytes = Math.Min(LineProtocolOptions.DefaultMaxNameBytes, limits.MaxKeyBytes),
            });
            builder.Services.AddSingleton<ILineStore>(sp => new ClusterLineStore(sp.GetRequiredService<IClientGrain>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<Raft.Grains.StateMachine.StateMachineLimits>()));
        }
        services?.Invoke(builder.Services);
        if (remoteMembers) builder.Services.AddSiloToSiloTransport(options);
        builder.Services.AddRaftSilo(options);

        var app = builder.Build();
        SiloEndpoints.Map(app);
        GrainCallEndpoints.Map(app);
        app.Lifetime.ApplicationStarted.Register(() => AnnounceListening(app, options));
        return app;
    }

    /// <summary>The client URLs the server actually bound (port 0 resolves to a real port).</summary>
    public static IReadOnlyList<string> ClientAddresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
    }

    private static void AnnounceListening(WebApplication app, SiloOptions options)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Raft.Silo");
        var storage = app.Services.GetRequiredService<IPeerStorageFactory>();
        // Kestrel lists every endpoint as http://; keep the client API's apart from the other doors.
        var otherPorts = new HashSet<int> { options.LinePort ?? -1, SiloTransportRegistration.SplitHostPort(options.SiloAddress).Port };
        var client = ClientAddresses(app).Where(a => !otherPorts.Contains(new Uri(a).Port));
        var line = options.LinePort is > 0 and var port ? $"{new Uri(options.ClientUrl).Host}:{port}" : "off";
        Listening(logger, options.Name, string.Join(" ", client), line, options.SiloAddress,
            string.Join(",", options.FindSelf().PeerIds), string.Join(",", options.GroupPeerIds()),
            storage.ProviderName, options.Storage.DataDirectory ?? "-");
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "silo {Name} listening: client HTTP {ClientUrls}, line protocol {LineAddress}, silo-to-silo {SiloAddress}; hosts peers {Peers} of group {Group}; storage {Storage} ({DataDirectory})")]
    private static partial void Listening(ILogger logger, string name, string clientUrls, string lineAddress, string siloAddress, string peers, string group, string storage, string dataDirectory);
}

using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Raft.Silo.Configuration;
using Raft.Silo.FrontDoor;
using Raft.Silo.Hosting;

namespace Raft.Silo;

/// <summary>
/// Composes one silo process: configuration, an Orleans silo hosting this member's peers and the client
/// grain, the client front door (HTTP API, line protocol), and the generic host's lifetime (SIGTERM and
/// Ctrl-C stop it gracefully).
/// </summary>
public static partial class SiloApplication
{
    /// <summary>The front door, then every peer, must be down within 5 s of SIGTERM; keep a margin for process exit.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(4);

    /// <exception cref="SiloOptionsException">The options cannot work; the message is one line.</exception>
    public static IHost Build(string[] args, Action<IConfigurationBuilder>? configure = null, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            // appsettings.json sits next to the binary, wherever the silo is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        SiloConfigurationSources.Add(builder.Configuration, args);
        configure?.Invoke(builder.Configuration);
        var options = SiloOptionsLoader.Load(builder.Configuration);
        ConfigureLogging(builder.Logging, options.Logging);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        // First, so a test's registrations win over the silo's defaults (which are TryAdd).
        services?.Invoke(builder.Services);
        builder.UseOrleans(silo => silo.UseRaftClustering(options).AddRaftPeers(options));
        AddFrontDoor(builder.Services, options);
        var host = builder.Build();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        lifetime.ApplicationStarted.Register(() => AnnounceListening(host.Services, options));
        return host;
    }

    /// <summary>The console log in <paramref name="format"/> (one of <see cref="LogFormats.All"/>; the options validator refused any other).</summary>
    public static void ConfigureLogging(ILoggingBuilder logging, string format = LogFormats.Console)
    {
        ArgumentNullException.ThrowIfNull(logging);
        if (format == LogFormats.Json)
        {
            // For collectors: the structured fields (PeerId, Term, Index, ...) and scopes as JSON members, a UTC
            // timestamp with the date, and one object per line, never indented over several.
            logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = true;
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                json.JsonWriterOptions = new JsonWriterOptions { Indented = false };
            });
            return;
        }
        // One line per event with a timestamp, as the seeds' traces read.
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
    }

    /// <summary>The HTTP API and line protocol as a hosted service, started after the Orleans silo.</summary>
    public static void AddFrontDoor(IServiceCollection services, SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => new ClientFrontDoor(options, sp, sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<ClientFrontDoor>());
    }

    private static void AnnounceListening(IServiceProvider services, SiloOptions options)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Raft.Silo");
        var storage = services.GetRequiredService<IPeerStorageFactory>();
        var client = services.GetRequiredService<ClientFrontDoor>().ClientAddresses;
        var line = options.LinePort is > 0 and var port ? $"{new Uri(options.ClientUrl).Host}:{port}" : "off";
        var membership = options.Clustering.Provider == ClusteringOptions.Sqlite ? options.Clustering.DatabaseFile : "postgresql";
        Listening(logger, options.Name, string.Join(" ", client), line, options.SiloAddress, options.GatewayAddress,
            string.Join(",", options.FindSelf().PeerIds), string.Join(",", options.GroupPeerIds()), string.Join(",", options.InitialVoterPeerIds()),
            storage.ProviderName, options.Storage.DataDirectory ?? "-", membership ?? "-");
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "silo {Name} listening: client HTTP {ClientUrls}, line protocol {LineAddress}, silo-to-silo {SiloAddress}, gateway {GatewayAddress}; hosts peers {Peers} of group {Group} (voters at start {Voters}); storage {Storage} ({DataDirectory}); membership {Membership}")]
    private static partial void Listening(ILogger logger, string name, string clientUrls, string lineAddress, string siloAddress, string gatewayAddress, string peers, string group, string voters, string storage, string dataDirectory, string membership);
}

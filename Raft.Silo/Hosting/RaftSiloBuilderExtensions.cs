using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Raft.Grains;
using Raft.Grains.Client;
using Raft.Grains.Persistence;
using Raft.Grains.Placement;
using Raft.Grains.StateMachine;
using Raft.Silo.Configuration;
using Raft.Silo.Persistence;
using Raft.Silo.Placement;
using Raft.Silo.Reminders;
using Raft.Silo.Storage;
using SiloOptions = Raft.Silo.Configuration.SiloOptions;

namespace Raft.Silo.Hosting;

/// <summary>
/// Puts the Raft group on an Orleans silo: the peers' storage (log rows, hard state as grain state),
/// reminders, their placement and directory, the client grain, and the wake-up of local peers at start.
/// Clustering and endpoints are not here: a process configures them (<see cref="SiloClustering"/>), the
/// test cluster brings its own.
/// </summary>
public static class RaftSiloBuilderExtensions
{
    /// <summary>Grain addresses a silo caches: far more than the peers and services it calls, far fewer than Orleans' default million.</summary>
    public const int DirectoryCacheSize = 10_000;

    public static ISiloBuilder AddRaftPeers(this ISiloBuilder silo, SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        var services = silo.Services;
        if (options.OrleansDashboard) OrleansDashboardBridge.AddTo(silo);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        // Created now, not on first use, so an unavailable provider stops the silo before it starts.
        if (!services.Any(d => d.ServiceType == typeof(IPeerStorageFactory)))
        {
            var storage = PeerStorageProviders.Create(options.Storage);
            services.AddSingleton(storage);
            if (storage is ProviderPeerStorageFactory database)
                services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new StorageLifecycle(database.Provider));
        }
        services.TryAddSingleton(options.Limits.ToStateMachineLimits());
        services.TryAddSingleton<IStateMachineFactory, KeyValueStateMachineFactory>();
        services.TryAddSingleton<IRaftPeerObserver, LoggingPeerObserver>();
        services.AddSingleton<IRaftPeerHost, SiloRaftPeerHost>();
        services.AddSingleton<IRaftGroupTopology>(new SiloGroupTopology(options));
        var proposeTimeout = TimeSpan.FromMilliseconds(options.Timing.ProposeTimeoutMs);
        services.AddSingleton<IPeerGateway>(sp => new GrainPeerGateway(
            sp.GetRequiredService<IGrainFactory>(),
            sp.GetRequiredService<IRaftGroupTopology>(),
            // A proposal may legitimately take the peer's whole timeout; past that its silo is not answering.
            callTimeout: proposeTimeout + TimeSpan.FromSeconds(1),
            statusTimeout: TimeSpan.FromSeconds(1),
            new ProposalBatchLimits()));
        services.AddSingleton<LocalLeaderNews>();
        services.AddSingleton(sp => new ClientGrainOptions
        {
            ForwardToLeader = options.Client.ForwardToLeader,
            RequestTimeout = TimeSpan.FromMilliseconds(options.Client.RequestTimeoutMs),
            Limits = sp.GetRequiredService<StateMachineLimits>(),
        });
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, LocalPeerActivator>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, LeadershipHandoff>();

        services.AddSingleton<ActivePeerSilos>();
        services.AddSingleton<IPeerSiloStatus>(sp => sp.GetRequiredService<ActivePeerSilos>());
        services.AddPlacementDirector<RaftPeerPlacement, RaftPeerPlacementDirector>();
        silo.AddGrainDirectory(RaftPeerDirectory.Name, static (_, _) => new PlacedPeerDirectory());
        AddHardStateStorage(silo, options);
        if (PostgresSchemasOf(options) is { Count: > 0 } schemas)
            services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(new PostgresSchemaLifecycle(schemas));
        var wakePeriod = TimeSpan.FromMilliseconds(options.Timing.WakeReminderPeriodMs);
        silo.Configure<ReminderOptions>(o => o.MinimumReminderPeriod = wakePeriod < o.MinimumReminderPeriod ? wakePeriod : o.MinimumReminderPeriod);
        // Orleans sizes its directory cache for a million grains up front (two arrays of about 9 MB each); a
        // silo here addresses its peers, its client grain and Orleans' own services.
        silo.Configure<GrainDirectoryOptions>(o => o.CacheSize = DirectoryCacheSize);
        return silo;
    }

    /// <summary>Every PostgreSQL schema an Orleans ADO.NET provider of this silo reads: the storage's, and the cluster's (reminders, membership).</summary>
    private static HashSet<string> PostgresSchemasOf(SiloOptions options)
    {
        var schemas = new HashSet<string>(StringComparer.Ordinal);
        if (options.Storage.Provider == StorageOptions.PostgreSql)
        {
            schemas.Add(options.Storage.ConnectionString!);
            schemas.Add(options.Clustering.ConnectionString ?? options.Storage.ConnectionString!);
        }
        if (options.Clustering.Provider == ClusteringOptions.PostgreSql) schemas.Add(options.Clustering.ConnectionString!);
        return schemas;
    }

    /// <summary>The grain storage of the peers' hard state and the reminder table, on the same backend as the log.</summary>
    private static void AddHardStateStorage(ISiloBuilder silo, SiloOptions options)
    {
        switch (options.Storage.Provider)
        {
            case StorageOptions.PostgreSql:
                var reminders = options.Clustering.ConnectionString ?? options.Storage.ConnectionString!;
                silo.AddAdoNetGrainStorage(RaftGrainStorage.Name, o =>
                {
                    o.Invariant = PostgresSchema.AdoNetInvariant;
                    o.ConnectionString = options.Storage.ConnectionString;
                });
                silo.UseAdoNetReminderService(o =>
                {
                    o.Invariant = PostgresSchema.AdoNetInvariant;
                    o.ConnectionString = reminders;
                });
                break;
            case StorageOptions.Sqlite:
                // Beside the log in the silo's own file: the peer's disk is wherever its silo is.
                silo.AddSqliteGrainStorage(RaftGrainStorage.Name, Path.Combine(options.Storage.DataDirectory!, SqliteStorageProvider.DefaultFileName));
                // Reminders are read by whichever silo owns a range of grains: the file every silo shares.
                silo.UseSqliteReminders(options.Clustering.DatabaseFile!);
                break;
            default:
                silo.AddMemoryGrainStorage(RaftGrainStorage.Name);
                silo.UseInMemoryReminderService();
                break;
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Raft.Grains;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;
using Raft.Silo.GrainCalls;
using Raft.Silo.Transport;
using Raft.Silo.Configuration;

namespace Raft.Silo.Hosting;

/// <summary>Registers the grain host and the Raft peers (Orleans: <c>UseOrleans</c> with its silo builder).</summary>
public static class SiloServiceCollectionExtensions
{
    public static IServiceCollection AddRaftSilo(this IServiceCollection services, SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<GrainDirectory>();
        services.AddSingleton<GrainFactory>();
        services.AddSingleton<LocalMessageRouter>();
        services.TryAddSingleton<IRemoteMessageSender, DroppingRemoteMessageSender>();
        // Created now, not on first use, so an unavailable provider stops the silo before it starts.
        if (!services.Any(d => d.ServiceType == typeof(IPeerStorageFactory)))
        {
            var storage = PeerStorageProviders.Create(options.Storage);
            services.AddSingleton(storage);
            // Opens the database before the peers load from it and closes it after they stop.
            if (storage is ProviderPeerStorageFactory lifetime) services.AddHostedService(_ => lifetime);
        }
        services.TryAddSingleton(options.Limits.ToStateMachineLimits());
        services.TryAddSingleton<IStateMachineFactory, KeyValueStateMachineFactory>();
        services.AddSingleton<LocalPeerCalls>();
        services.AddSingleton<IPeerGateway>(sp => new SiloPeerGateway(options, sp.GetRequiredService<LocalPeerCalls>(), sp.GetService<ITransportFaults>()));
        services.TryAddSingleton<IClientGrain>(sp => new ClientGrain(
            sp.GetRequiredService<IPeerGateway>(),
            new ClientGrainOptions
            {
                ForwardToLeader = options.Client.ForwardToLeader,
                RequestTimeout = TimeSpan.FromMilliseconds(options.Client.RequestTimeoutMs),
                Limits = sp.GetRequiredService<StateMachineLimits>(),
            },
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IRaftPeerObserver, LoggingPeerObserver>();
        services.AddSingleton<RaftPeerActivationService>();
        services.AddHostedService(sp => sp.GetRequiredService<RaftPeerActivationService>());
        return services;
    }
}

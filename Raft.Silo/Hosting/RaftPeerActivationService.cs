using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Raft.Core.Driver;
using Raft.Core.Node;
using Raft.Grains;
using Raft.Silo.Configuration;

namespace Raft.Silo.Hosting;

/// <summary>
/// Activates the peers this silo hosts when it starts and deactivates them when it stops. It plays the role
/// of Orleans reminders: a Raft peer must be awake without anyone calling it, so the silo wakes its peers
/// at start (and so after a crash and restart). On stop: timers stop, running turns finish, queued calls
/// fail, then storage is disposed, all within the host's shutdown timeout.
/// </summary>
public sealed class RaftPeerActivationService(
    SiloOptions options,
    GrainDirectory directory,
    LocalMessageRouter router,
    IPeerStorageFactory storageFactory,
    IStateMachineFactory stateMachines,
    IRaftPeerObserver observer,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory) : IHostedService
{
    private readonly List<HostedPeer> _peers = [];
    // One seed per silo run; each node mixes in its id, so co-hosted peers still time out differently.
    private readonly ulong _seed = (ulong)Random.Shared.NextInt64();

    public IReadOnlyList<int> HostedPeerIds => options.FindSelf().PeerIds;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var group = options.GroupPeerIds();
        var logger = loggerFactory.CreateLogger<GrainActivation>();
        foreach (var peerId in HostedPeerIds)
        {
            var settings = new RaftPeerGrainSettings
            {
                Raft = new RaftConfig
                {
                    Id = peerId,
                    Peers = group,
                    Seed = _seed,
                    ElectionTicks = options.Timing.ElectionTicks,
                    HeartbeatTicks = options.Timing.HeartbeatTicks,
                },
                TickInterval = TimeSpan.FromMilliseconds(options.Timing.TickIntervalMs),
                ProposeTimeout = TimeSpan.FromMilliseconds(options.Timing.ProposeTimeoutMs),
            };
            var activation = new GrainActivation(GrainId.For<IRaftPeerGrain>(GrainFactory.PeerKey(peerId)), timeProvider, logger);
            var storage = storageFactory.Create(peerId);
            var grain = new RaftPeerGrain(settings, activation, storage, router, stateMachines.Create(peerId), observer);
            // Registered before its first turn, so messages from faster peers queue behind OnActivateAsync.
            directory.Register(activation, grain);
            _peers.Add(new HostedPeer(activation, grain, storage));
        }
        await Task.WhenAll(_peers.Select(p => p.Activation.EnqueueTurnAsync(p.Grain.OnActivateAsync))).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(_peers.Select(p => DeactivateAsync(p, cancellationToken))).ConfigureAwait(false);
        _peers.Clear();
    }

    private async Task DeactivateAsync(HostedPeer peer, CancellationToken cancellationToken)
    {
        await peer.Activation.DeactivateAsync(peer.Grain.OnDeactivateAsync, cancellationToken).ConfigureAwait(false);
        directory.Remove(peer.Activation.Id);
        switch (peer.Storage)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    private sealed record HostedPeer(GrainActivation Activation, RaftPeerGrain Grain, IRaftPeerStorage Storage);
}

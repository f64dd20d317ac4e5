using Microsoft.Extensions.Logging;
using Raft.Grains;
using Raft.Silo.Configuration;

namespace Raft.Silo.Hosting;

/// <summary>
/// Wakes this silo's peers as the silo becomes active (a Raft peer must be awake without anyone calling
/// it; the reminder each peer registers wakes it as well, but only once a minute). The silo's start waits
/// for them, so a peer whose storage is corrupt stops the silo before it serves anything.
/// </summary>
public sealed partial class LocalPeerActivator(SiloOptions options, IGrainFactory grains, ILogger<LocalPeerActivator> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(LocalPeerActivator), ServiceLifecycleStage.Active, ActivateAsync, _ => Task.CompletedTask);
    }

    private async Task ActivateAsync(CancellationToken cancellationToken)
    {
        var peers = options.FindSelf().PeerIds;
        await Task.WhenAll(peers.Select(peer => grains.GetGrain<IRaftPeerGrain>(peer).GetStatusAsync(cancellationToken))).ConfigureAwait(false);
        Activated(logger, string.Join(",", peers));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "peers {Peers} are active")]
    private static partial void Activated(ILogger logger, string peers);
}

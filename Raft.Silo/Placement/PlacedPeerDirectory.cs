using System.Collections.Concurrent;
using Orleans.GrainDirectory;

namespace Raft.Silo.Placement;

/// <summary>
/// The grain directory of the peers, served by each silo from memory. A peer is activated only on its own
/// silo (<see cref="RaftPeerPlacementDirector"/>), so it registers there; every other silo answers "not
/// known here" and lets placement, which knows where the peer lives, address the call. Nothing waits on
/// another silo's share of a distributed directory, so calls between live peers never stall on a dead silo.
/// </summary>
public sealed class PlacedPeerDirectory : IGrainDirectory
{
    private readonly ConcurrentDictionary<GrainId, GrainAddress> _local = new();

    /// <summary>
    /// Orleans' catalog keeps one activation per grain on a silo, so a registration here is the peer's only
    /// live activation on this silo: it replaces whatever an earlier activation left.
    /// </summary>
    public Task<GrainAddress?> Register(GrainAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _local[address.GrainId] = address;
        return Task.FromResult<GrainAddress?>(address);
    }

    public Task Unregister(GrainAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        _local.TryRemove(new KeyValuePair<GrainId, GrainAddress>(address.GrainId, address));
        return Task.CompletedTask;
    }

    public Task<GrainAddress?> Lookup(GrainId grainId) =>
        Task.FromResult(_local.TryGetValue(grainId, out var address) ? address : null);

    public Task UnregisterSilos(List<SiloAddress> siloAddresses)
    {
        ArgumentNullException.ThrowIfNull(siloAddresses);
        foreach (var (grain, address) in _local)
        {
            if (siloAddresses.Contains(address.SiloAddress!)) _local.TryRemove(new KeyValuePair<GrainId, GrainAddress>(grain, address));
        }
        return Task.CompletedTask;
    }
}

using Orleans.Runtime.Placement;
using Raft.Grains;
using Raft.Grains.Placement;
using Raft.Silo.Configuration;

namespace Raft.Silo.Placement;

/// <summary>
/// Places peer N on the active silo named after the member that hosts N, and nowhere else: the peer's disk
/// is there. When that silo is not an active member the call fails at once with
/// <see cref="PeerSiloUnavailableException"/>; a lenient director would reactivate the peer elsewhere with an
/// empty log, which Raft forbids.
/// </summary>
public sealed class RaftPeerPlacementDirector(SiloOptions options, ActivePeerSilos silos) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.GetIntegerKey();
        // Any Orleans client can name any key; one that is no peer of the group is refused, typed.
        if (key is < 1 or > int.MaxValue || options.FindHostOf((int)key) is not { } member)
            return Task.FromException<SiloAddress>(new UnknownPeerException(key));
        var peerId = (int)key;
        var silo = silos.ActiveSiloOf(member);
        return silo is null
            ? Task.FromException<SiloAddress>(new PeerSiloUnavailableException(peerId, member.Name))
            : Task.FromResult(silo);
    }
}

using Orleans.Placement;

namespace Raft.Grains.Placement;

/// <summary>
/// A peer lives where its disk is: on the silo of the member that hosts it in the cluster's configuration,
/// and nowhere else. The silo's placement director resolves it; when that silo is down, calls fail fast
/// instead of activating the peer elsewhere with an empty log, which Raft forbids.
/// </summary>
[GenerateSerializer, Alias("raft.peer-placement")]
public sealed class RaftPeerPlacement : PlacementStrategy
{
    public static RaftPeerPlacement Instance { get; } = new();
}

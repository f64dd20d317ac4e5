namespace Raft.Grains;

/// <summary>Grain references by the names the Raft group uses.</summary>
public static class GrainFactoryExtensions
{
    /// <summary>The peer grain with this Raft peer id, wherever it lives.</summary>
    public static IRaftPeerGrain GetRaftPeer(this IGrainFactory grains, int peerId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return grains.GetGrain<IRaftPeerGrain>(peerId);
    }
}

namespace Raft.Grains.Client;

/// <summary>The silo hosting a peer did not answer (down, partitioned from us, or shutting down).</summary>
public sealed class PeerUnreachableException(int peerId, string reason, Exception? inner = null)
    : Exception($"peer {peerId} is unreachable: {reason}", inner)
{
    public int PeerId { get; } = peerId;
}

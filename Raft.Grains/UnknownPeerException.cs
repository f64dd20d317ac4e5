namespace Raft.Grains;

/// <summary>A peer id that is not a member of the Raft group was addressed.</summary>
public sealed class UnknownPeerException(int peerId) : Exception($"peer {peerId} is not a member of the Raft group")
{
    public int PeerId { get; } = peerId;
}

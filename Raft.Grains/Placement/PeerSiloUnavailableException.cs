namespace Raft.Grains.Placement;

/// <summary>
/// The silo that hosts a peer is not an active member of the cluster, so the peer cannot be reached (it is
/// never activated anywhere else). Raised by placement, before anything is sent.
/// </summary>
[GenerateSerializer, Alias("raft.peer-silo-unavailable")]
public sealed class PeerSiloUnavailableException : Exception
{
    public PeerSiloUnavailableException()
    {
    }

    public PeerSiloUnavailableException(string message) : base(message)
    {
    }

    public PeerSiloUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public PeerSiloUnavailableException(int peerId, string member)
        : base($"peer {peerId} lives on {member}, which is not an active silo of the cluster")
    {
        PeerId = peerId;
        Member = member;
    }

    [Id(0)]
    public int PeerId { get; init; }

    [Id(1)]
    public string Member { get; init; } = "";
}

namespace Raft.Grains;

/// <summary>A peer id that is not a member of the Raft group was addressed (by a stray client, or a misconfigured silo).</summary>
[GenerateSerializer, Alias("raft.unknown-peer")]
public sealed class UnknownPeerException : Exception
{
    public UnknownPeerException()
    {
    }

    public UnknownPeerException(string message) : base(message)
    {
    }

    public UnknownPeerException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public UnknownPeerException(long peerId) : base($"peer {peerId} is not a member of the Raft group")
    {
        PeerId = peerId;
    }

    [Id(0)]
    public long PeerId { get; init; }
}

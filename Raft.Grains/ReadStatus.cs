namespace Raft.Grains;

/// <summary>How a read ended. Only <see cref="Completed"/> carries a value.</summary>
[GenerateSerializer]
public enum ReadStatus : byte
{
    Completed = 0,
    /// <summary>This peer does not lead (or stopped leading before a quorum confirmed it); the reply names the leader when known.</summary>
    NotLeader,
    /// <summary>No quorum confirmed the read in time.</summary>
    Timeout,
    /// <summary>The peer is stopping or failed.</summary>
    Unavailable,
}

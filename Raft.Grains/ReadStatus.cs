namespace Raft.Grains;

/// <summary>How a read ended. Only <see cref="Completed"/> carries a value.</summary>
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

/// <summary>The answer to <see cref="IRaftPeerGrain.ReadAsync{T}"/>.</summary>
public sealed record ReadReply<T>(ReadStatus Status, T? Value, int LeaderHint)
{
    public static ReadReply<T> Completed(T value) => new(ReadStatus.Completed, value, 0);

    public static ReadReply<T> Failed(ReadStatus status, int leaderHint = 0) => new(status, default, leaderHint);
}

namespace Raft.Grains.StateMachine;

/// <summary>
/// Sizes and timeouts of the replicated state machine. Every peer must run with the same limits: they decide
/// which commands are refused and when sessions expire, so peers with different limits would diverge.
/// Sizes count UTF-8 bytes.
/// </summary>
public sealed record StateMachineLimits
{
    public static StateMachineLimits Default { get; } = new();

    public int MaxKeyBytes { get; init; } = 1024;

    public int MaxValueBytes { get; init; } = 1024 * 1024;

    public int MaxTopicBytes { get; init; } = 256;

    public int MaxMessageBytes { get; init; } = 64 * 1024;

    /// <summary>Longest TTL accepted: ten years, far below where seconds times 1,000 could overflow.</summary>
    public long MaxTtlSeconds { get; init; } = 10L * 365 * 24 * 60 * 60;

    /// <summary>
    /// A session idle this long in log time is removed, and its client gets <see cref="CommandResult.SessionExpired"/>
    /// (dissertation §6.3: servers must agree on when a session expires, so it is judged by the log's clock).
    /// </summary>
    public long SessionTimeoutMs { get; init; } = 10 * 60 * 1000;

    /// <summary>
    /// Most sessions kept at once; registering one more evicts the least recently active (dissertation §6.3's
    /// LRU bound), so a client that registers in a loop cannot grow the state without end.
    /// </summary>
    public int MaxSessions { get; init; } = 100_000;

    /// <summary>
    /// Longest session name (the client's own id, HTTP <c>Raft-Client-Id</c>) in UTF-8 bytes. Names sit in the
    /// session table and in every snapshot, so they are kept short.
    /// </summary>
    public int MaxSessionNameBytes { get; init; } = 128;

    /// <summary>
    /// How many of a session's most recent results are kept, at least 1: a client may have this many commands
    /// in flight (sequences above its highest minus this) and still have each applied once; an unrecorded
    /// sequence at or below that is refused as stale. Results of reads can be large, so memory per session
    /// grows with this.
    /// </summary>
    public int SessionResultWindow { get; init; } = 128;
}

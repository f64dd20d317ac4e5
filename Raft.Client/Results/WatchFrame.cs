namespace Raft.Client.Results;

/// <summary>
/// One poll of <c>status --watch</c> (a screen, a line, or one NDJSON object with --json). The rates
/// compare this poll with the previous one that succeeded; null means not known yet (the first poll, no
/// commit since, no reading of the leader's latency). A failed poll has <see cref="Error"/> and
/// <see cref="Message"/> set and no peers; the watch goes on.
/// </summary>
/// <param name="Term">The leader's term, or the highest term among the reachable peers while none is known.</param>
/// <param name="CommitIndex">The highest commit index among the reachable peers (the leader's, normally).</param>
/// <param name="LeaderChanges">How often the leader or its term changed since the watch began.</param>
/// <param name="CommitLatencyMs">The leader's mean commit latency over the proposals it committed since the previous poll.</param>
internal sealed record WatchFrame(
    DateTimeOffset Time,
    long? Leader,
    string? LeaderAddress,
    long? Term,
    long? CommitIndex,
    double? CommitsPerSecond,
    int LeaderChanges,
    double? CommitLatencyMs,
    IReadOnlyList<WatchPeer> Peers,
    string? Error = null,
    string? Message = null);

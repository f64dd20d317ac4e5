namespace Raft.Client.Results;

/// <summary>One peer at one poll of <c>status --watch</c>; an unreachable peer shows 0 for every index.</summary>
internal sealed record WatchPeer(
    long Id,
    string Silo,
    string Role,
    long Term,
    long LastIndex,
    long CommitIndex,
    long AppliedIndex,
    long SnapshotIndex,
    bool Reachable);

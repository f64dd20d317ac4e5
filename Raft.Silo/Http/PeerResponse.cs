namespace Raft.Silo.Http;

/// <summary>One peer in <c>GET /cluster/status</c>: the fields Raft.Client's status table shows, new ones appended (a stable interface).</summary>
public sealed record PeerResponse(
    int Id,
    string Silo,
    string Address,
    string Role,
    long Term,
    long LastIndex,
    long CommitIndex,
    long AppliedIndex,
    long SnapshotIndex,
    long FirstIndex,
    long LogLength);

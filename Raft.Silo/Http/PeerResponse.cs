namespace Raft.Silo.Http;

/// <summary>One peer in <c>GET /cluster/status</c>: the fields Raft.Client's status table shows.</summary>
public sealed record PeerResponse(int Id, string Silo, string Address, string Role, long Term, long LastIndex, long CommitIndex, long AppliedIndex);

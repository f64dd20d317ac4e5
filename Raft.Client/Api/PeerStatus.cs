namespace Raft.Client.Api;

/// <summary>One Raft peer as <c>GET /cluster/status</c> reports it.</summary>
internal sealed record PeerStatus(
    long Id,
    string Silo,
    string Address,
    string Role,
    long Term,
    long LastIndex,
    long CommitIndex,
    long AppliedIndex);

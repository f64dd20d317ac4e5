namespace Raft.Silo.Http;

/// <summary>The body of <c>GET /status</c>: <c>{"role":"Leader"|"Follower"|"Candidate","term":N}</c>.</summary>
public sealed record StatusResponse(string Role, long Term);

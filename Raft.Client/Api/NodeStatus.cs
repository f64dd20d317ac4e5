namespace Raft.Client.Api;

/// <summary>One silo's own view (<c>GET /status</c>).</summary>
internal sealed record NodeStatus(string Role, long Term);

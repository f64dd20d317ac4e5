namespace Raft.Silo.Http;

/// <summary>The body of <c>GET /cluster/status</c>; <see cref="Leader"/> and <see cref="LeaderAddress"/> are null while no leader is known.</summary>
public sealed record ClusterStatusResponse(int? Leader, string? LeaderAddress, IReadOnlyList<PeerResponse> Peers);

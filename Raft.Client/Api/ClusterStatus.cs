namespace Raft.Client.Api;

/// <summary>The cluster as one silo sees it; <see cref="Leader"/> is null while no leader is known.</summary>
internal sealed record ClusterStatus(long? Leader, string? LeaderAddress, IReadOnlyList<PeerStatus> Peers);

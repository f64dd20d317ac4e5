namespace Raft.Client.Results;

/// <summary>The cluster as the answering silo sees it; <see cref="Leader"/> is null while no leader is known.</summary>
internal sealed record ClusterStatus(long? Leader, string? LeaderAddress, IReadOnlyList<PeerStatus> Peers);

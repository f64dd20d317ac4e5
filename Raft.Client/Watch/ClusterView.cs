using Raft.Client.Results;

namespace Raft.Client.Watch;

/// <summary>What one poll of <c>status --watch</c> read from the cluster: the leader as the answering silo knows it, every peer it could ask.</summary>
internal sealed record ClusterView(long? Leader, string? LeaderAddress, IReadOnlyList<WatchPeer> Peers);

namespace Raft.Grains.Client;

/// <summary>
/// One peer as <c>GET /cluster/status</c> shows it. The log's shape comes last (added later; new fields go at
/// the end): the latest snapshot's index, the first index the log holds and how many entries it holds.
/// </summary>
[GenerateSerializer, Alias("raft.peer-view")]
public sealed record PeerView(
    int Id,
    string Silo,
    string Address,
    string Role,
    long Term,
    long LastIndex,
    long CommitIndex,
    long AppliedIndex,
    bool Reachable,
    long SnapshotIndex = 0,
    long FirstIndex = 0,
    long LogLength = 0);

/// <summary>The cluster as one silo sees it: the leader (if any) and every peer it could ask.</summary>
[GenerateSerializer, Alias("raft.cluster-status")]
public sealed record ClusterStatus(int? Leader, string? LeaderAddress, IReadOnlyList<PeerView> Peers);

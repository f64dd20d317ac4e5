using Raft.Core.Node;

namespace Raft.Grains.Dashboard;

/// <summary>
/// One peer as the Raft dashboard draws it: its status, the terms of its log's tail, how many messages it
/// has sent to each peer (cumulative; the dashboard turns them into rates), its recent role changes and, while
/// it leads, its recent commit latency. Cheap to take: bounded by the cells asked for and the rings below.
/// </summary>
[GenerateSerializer, Alias("raft.peer-dashboard-view")]
public sealed record PeerDashboardView(
    PeerStatus Status,
    bool Paused,
    long LogFrom,
    long[] LogTerms,
    PeerTraffic[] Sent,
    PeerEvent[] Events,
    LatencySummary CommitLatency)
{
    /// <summary>The most log cells a view carries, whatever is asked.</summary>
    public const int MaxLogCells = 200;
}

/// <summary>Messages one peer has sent to <paramref name="To"/> since its activation.</summary>
[GenerateSerializer, Alias("raft.peer-traffic")]
public readonly record struct PeerTraffic(int To, long Messages);

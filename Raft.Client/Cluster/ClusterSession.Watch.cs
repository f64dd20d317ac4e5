using Raft.Client.Results;
using Raft.Client.Watch;

namespace Raft.Client.Cluster;

/// <summary>
/// The cluster status as <c>status --watch</c> polls it: the same call as <c>status</c>, but keeping whether
/// each peer answered (plain <c>status</c> never showed it, and its output stays as it was).
/// </summary>
internal sealed partial class ClusterSession
{
    public async Task<ClusterView> GetClusterViewAsync(CancellationToken cancellationToken)
    {
        var status = await CallAsync(_connection.ClientGrain.GetClusterStatusAsync, cancellationToken).ConfigureAwait(false);
        var peers = status.Peers
            .Select(p => new WatchPeer(p.Id, p.Silo, p.Role, p.Term, p.LastIndex, p.CommitIndex, p.AppliedIndex, p.SnapshotIndex, p.Reachable))
            .ToArray();
        return new ClusterView(status.Leader, status.LeaderAddress, peers);
    }

    /// <summary>
    /// The leader's commit-latency totals from its silo's <c>/metrics</c>, or null when no leader is known or its
    /// page cannot be read: latency is an extra, and a watch goes on without it.
    /// </summary>
    public async Task<CommitLatencyTotals?> ReadLeaderLatencyAsync(ClusterView view, CancellationToken cancellationToken)
    {
        if (view.Leader is not { } leader || view.LeaderAddress is not { } address) return null;
        var text = await _connection.ReadMetricsAsync(address, cancellationToken).ConfigureAwait(false);
        return text is null ? null : CommitLatencyTotals.Parse(text, leader);
    }
}

namespace Raft.Client.Cluster;

/// <summary>How to reach the cluster: its gateways in the order given, its Orleans cluster id, and how long to wait for it.</summary>
/// <param name="Timeout">The most that connecting may take, and then each request, retries included.</param>
internal sealed record ClusterConnectionSettings(IReadOnlyList<GatewayAddress> Gateways, string ClusterId, TimeSpan Timeout);

using Raft.Grains.Client;

namespace Raft.Client.Cluster;

/// <summary>
/// A live connection to the cluster: the silos' client grain, and which silo the listed gateways lead to. The
/// console's one seam below Orleans: the real one is an Orleans client (<see cref="OrleansClusterConnection"/>),
/// tests give a fake client grain and need no Orleans at all.
/// </summary>
internal interface IClusterConnection : IAsyncDisposable
{
    /// <summary>The reentrant stateless client grain; every call goes through some live gateway's silo.</summary>
    IClientGrain ClientGrain { get; }

    /// <summary>
    /// The member name of the silo behind the first listed gateway that belongs to a live silo (what
    /// <c>status --node</c> reports on), or null when none of them does.
    /// </summary>
    Task<string?> FindFirstGatewaySiloAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The Prometheus text a silo serves at <c>/metrics</c> on its client HTTP address (a peer's address in the
    /// cluster status), or null when it cannot be read now. Only <c>status --watch</c> reads it, for the
    /// leader's commit latency, which no grain call reports.
    /// </summary>
    Task<string?> ReadMetricsAsync(string siloAddress, CancellationToken cancellationToken);
}

namespace Raft.Client.Cluster;

/// <summary>Opens the connection a console session works through; the first command that needs the cluster calls it.</summary>
internal interface IClusterConnector
{
    /// <exception cref="ClusterUnreachableException">No gateway could be reached within <see cref="ClusterConnectionSettings.Timeout"/>.</exception>
    Task<IClusterConnection> ConnectAsync(ClusterConnectionSettings settings, CancellationToken cancellationToken);
}

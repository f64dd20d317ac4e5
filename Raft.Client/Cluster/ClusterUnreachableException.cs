namespace Raft.Client.Cluster;

/// <summary>No gateway could be reached, or every attempt lost its gateway before an answer came back.</summary>
internal sealed class ClusterUnreachableException : Exception
{
    public ClusterUnreachableException(string message, Exception? lastFailure = null)
        : base(message, lastFailure)
    {
    }
}

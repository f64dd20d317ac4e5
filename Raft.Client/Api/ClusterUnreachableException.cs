namespace Raft.Client.Api;

/// <summary>Every endpoint tried failed before answering: refused, reset, or no answer within the attempt timeout.</summary>
internal sealed class ClusterUnreachableException : Exception
{
    public ClusterUnreachableException(string message, Exception? lastFailure)
        : base(message, lastFailure)
    {
    }
}

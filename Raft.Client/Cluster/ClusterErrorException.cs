namespace Raft.Client.Cluster;

/// <summary>The cluster answered, and the answer is a refusal or a failure to serve (not-found, version-mismatch, timeout, ...).</summary>
internal sealed class ClusterErrorException : Exception
{
    public ClusterErrorException(string code, string message, long? currentVersion = null)
        : base(message)
    {
        Code = code;
        CurrentVersion = currentVersion;
    }

    /// <summary>One of <see cref="ErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>For <c>version-mismatch</c>: the key's version now.</summary>
    public long? CurrentVersion { get; }
}

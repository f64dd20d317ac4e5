namespace Raft.Client.Api;

/// <summary>A server answered with an error (a problem document), or with something the client cannot read.</summary>
internal sealed class ApiException : Exception
{
    public ApiException(string code, string message, int status, Uri endpoint, string? leader = null, long? currentVersion = null)
        : base(message)
    {
        Code = code;
        Status = status;
        Endpoint = endpoint;
        Leader = leader;
        CurrentVersion = currentVersion;
    }

    /// <summary>One of <see cref="ApiErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>The HTTP status, or 0 when the body, not the status, was the problem.</summary>
    public int Status { get; }

    /// <summary>The endpoint that answered.</summary>
    public Uri Endpoint { get; }

    /// <summary>For <c>not-leader</c>: the leader's address when the follower knows it.</summary>
    public string? Leader { get; }

    /// <summary>For <c>version-mismatch</c>: the key's version now.</summary>
    public long? CurrentVersion { get; }
}

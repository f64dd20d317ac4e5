namespace Raft.Client.Api;

/// <summary>
/// The <c>code</c> values of the HTTP API's problem documents, plus the ones the client adds for failures
/// that never reach a server (<see cref="Unreachable"/>) or that the client itself detects.
/// </summary>
internal static class ApiErrorCodes
{
    public const string NotLeader = "not-leader";
    public const string VersionMismatch = "version-mismatch";
    public const string NotFound = "not-found";
    public const string BadRequest = "bad-request";
    public const string TooLarge = "too-large";
    public const string Timeout = "timeout";
    public const string Unavailable = "unavailable";

    /// <summary>No endpoint answered (connection refused, reset or timed out).</summary>
    public const string Unreachable = "unreachable";

    /// <summary>A server answered with something that does not follow the contract.</summary>
    public const string BadResponse = "bad-response";

    /// <summary>The code a status implies when the body carries none (a proxy's error page, an old server).</summary>
    public static string FromStatus(int status) => status switch
    {
        421 => NotLeader,
        409 => VersionMismatch,
        404 => NotFound,
        400 => BadRequest,
        413 => TooLarge,
        504 => Timeout,
        503 => Unavailable,
        _ => BadResponse,
    };
}

namespace Raft.Silo.Http;

/// <summary>
/// The <c>code</c> member of every problem document the client HTTP API returns. Raft.Client's
/// ApiErrorCodes reads the same strings; a client decides whether to retry elsewhere from the code alone.
/// </summary>
public static class ApiErrorCode
{
    public const string NotLeader = "not-leader";
    public const string VersionMismatch = "version-mismatch";
    public const string NotFound = "not-found";
    public const string BadRequest = "bad-request";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string TooLarge = "too-large";
    public const string Timeout = "timeout";
    public const string Unavailable = "unavailable";

    // Membership changes and leadership transfer (POST/DELETE /cluster/members, POST /cluster/leader).
    public const string ChangePending = "change-pending";
    public const string LastVoter = "last-voter";
    public const string UnknownMember = "unknown-member";
    public const string AlreadyMember = "already-member";
    public const string AlreadyVoter = "already-voter";
    public const string InvalidPeer = "invalid-peer";
    public const string LeaderNotReady = "leader-not-ready";
    public const string TransferInProgress = "transfer-in-progress";
    public const string NotAVoter = "not-a-voter";
    public const string OtherLeader = "other-leader";

    /// <summary>The dashboard's demo controls are off (<c>Raft:Dashboard:Controls</c>).</summary>
    public const string ControlsDisabled = "controls-disabled";

    /// <summary>A bug on the server (an answer that does not fit the request); never the client's fault.</summary>
    public const string Internal = "internal";
}

namespace Raft.Client.Cluster;

/// <summary>
/// The codes of the console's <c>ERR code: message</c> lines. The cluster's refusals use the same strings as
/// the HTTP API's problem documents (Raft.Silo's ApiErrorCode), so scripts see one vocabulary whichever way
/// they reach the cluster; <see cref="Unreachable"/> is the console's own.
/// </summary>
internal static class ErrorCodes
{
    public const string NotLeader = "not-leader";
    public const string VersionMismatch = "version-mismatch";
    public const string NotFound = "not-found";
    public const string BadRequest = "bad-request";
    public const string TooLarge = "too-large";
    public const string Timeout = "timeout";
    public const string Unavailable = "unavailable";

    // Membership changes and leadership transfer.
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

    /// <summary>The cluster answered with a result that does not fit the request: a bug, never the caller's fault.</summary>
    public const string Internal = "internal";

    /// <summary>No gateway could be reached (refused, reset, or no answer in time).</summary>
    public const string Unreachable = "unreachable";
}

using System.Globalization;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Client.Cluster;

/// <summary>
/// Turns the client grain's answers that are not the result a command wanted into the console's errors,
/// with the codes and wording the HTTP API gives the same outcomes (Raft.Silo's ProblemResults), so a script
/// sees the same <c>ERR code: message</c> lines whichever door it used.
/// </summary>
internal static class OutcomeErrors
{
    /// <summary>An outcome that carries no result: the cluster could not answer, or refused before proposing.</summary>
    public static ClusterErrorException FromFailure(CommandOutcome outcome) => outcome.Status switch
    {
        OutcomeStatus.NotLeader => new(ErrorCodes.NotLeader, outcome.LeaderAddress is { } leader
            ? $"this silo does not host the leader; the leader is at {leader}"
            : "this silo does not host the leader and no leader is known"),
        OutcomeStatus.Timeout => new(ErrorCodes.Timeout, outcome.Detail ?? "no answer from the cluster in time; the command may or may not have been applied"),
        OutcomeStatus.Unavailable => new(ErrorCodes.Unavailable, outcome.Detail ?? "no leader could be reached"),
        OutcomeStatus.BadRequest => new(ErrorCodes.BadRequest, outcome.Detail ?? "the cluster refused the request"),
        OutcomeStatus.TooLarge => new(ErrorCodes.TooLarge, outcome.Detail ?? "the request is over the cluster's limit"),
        OutcomeStatus.Completed => outcome.Result is { } result
            ? Unexpected(result)
            : new(ErrorCodes.Internal, "the cluster completed the request without a result"),
        _ => new(ErrorCodes.Internal, $"unknown outcome {outcome.Status}"),
    };

    /// <summary>
    /// A result the command has no success shape for. Invalid: the state machine refused the command, and
    /// sending it unchanged cannot help. SessionExpired: the session lapsed before the command applied, so a
    /// retry is safe. Anything else does not belong to the operation: a bug in the cluster.
    /// </summary>
    public static ClusterErrorException Unexpected(CommandResult result) => result switch
    {
        CommandResult.Invalid invalid => new(ErrorCodes.BadRequest, invalid.Reason),
        CommandResult.SessionExpired => new(ErrorCodes.Unavailable, "the cluster session expired before the command was applied; retry"),
        _ => new(ErrorCodes.Internal, $"the cluster answered {result.Code}, which does not fit this request"),
    };

    public static ClusterErrorException NotFound(string key) => new(ErrorCodes.NotFound, $"key '{key}' not found");

    public static ClusterErrorException VersionMismatch(string key, long expected, long current) => new(
        ErrorCodes.VersionMismatch,
        $"key '{key}' is at version {current.ToString(CultureInfo.InvariantCulture)}, not {expected.ToString(CultureInfo.InvariantCulture)}",
        currentVersion: current);
}

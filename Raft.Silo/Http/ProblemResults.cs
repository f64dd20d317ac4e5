using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Silo.Http;

/// <summary>
/// The one error model of the client HTTP API: every failure, whatever the endpoint, is an
/// <c>application/problem+json</c> body with <c>type</c> (about:blank, so <c>title</c> is the status's
/// reason phrase), <c>title</c>, <c>status</c>, <c>detail</c> and <c>code</c>. This class maps cluster
/// outcomes and unexpected state-machine results onto it.
/// </summary>
public static class ProblemResults
{
    public const string ContentType = "application/problem+json";

    public static IResult NotLeader(string? leader) => Create(StatusCodes.Status421MisdirectedRequest, ApiErrorCode.NotLeader,
        leader is null ? "this silo does not host the leader and no leader is known" : $"this silo does not host the leader; the leader is at {leader}",
        leader: leader);

    public static IResult VersionMismatch(string key, long expected, long current) => Create(StatusCodes.Status409Conflict, ApiErrorCode.VersionMismatch,
        $"key '{key}' is at version {current.ToString(CultureInfo.InvariantCulture)}, not {expected.ToString(CultureInfo.InvariantCulture)}",
        currentVersion: current);

    public static IResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, ApiErrorCode.NotFound, detail);

    public static IResult BadRequest(string detail) => Create(StatusCodes.Status400BadRequest, ApiErrorCode.BadRequest, detail);

    public static IResult TooLarge(string detail) => Create(StatusCodes.Status413PayloadTooLarge, ApiErrorCode.TooLarge, detail);

    public static IResult Timeout(string detail) => Create(StatusCodes.Status504GatewayTimeout, ApiErrorCode.Timeout, detail);

    public static IResult Unavailable(string detail) => Create(StatusCodes.Status503ServiceUnavailable, ApiErrorCode.Unavailable, detail);

    public static IResult MethodNotAllowed(string detail) => Create(StatusCodes.Status405MethodNotAllowed, ApiErrorCode.MethodNotAllowed, detail);

    public static IResult Forbidden(string code, string detail) => Create(StatusCodes.Status403Forbidden, code, detail);

    public static IResult Internal(string detail) => Create(StatusCodes.Status500InternalServerError, ApiErrorCode.Internal, detail);

    /// <summary>An outcome that carries no result: the cluster could not answer, or refused before proposing.</summary>
    public static IResult FromOutcome(CommandOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Status switch
        {
            OutcomeStatus.NotLeader => NotLeader(outcome.LeaderAddress),
            OutcomeStatus.Timeout => Timeout(outcome.Detail ?? "no answer from the cluster in time; the command may or may not have been applied"),
            OutcomeStatus.Unavailable => Unavailable(outcome.Detail ?? "no leader could be reached"),
            OutcomeStatus.BadRequest => BadRequest(outcome.Detail ?? "the cluster refused the request"),
            OutcomeStatus.TooLarge => TooLarge(outcome.Detail ?? "the request is over the cluster's limit"),
            OutcomeStatus.Completed => outcome.Result is { } result
                ? Unexpected(result)
                : Internal("the cluster completed the request without a result"),
            _ => Internal($"unknown outcome {outcome.Status}"),
        };
    }

    /// <summary>
    /// A result the endpoint has no success shape for. Invalid means the state machine refused the command
    /// (400: resending it unchanged cannot help). SessionExpired means the client grain's session lapsed and
    /// the command was not applied (503: the client's retry, with the same request id, is safe). Anything else
    /// is a result that does not belong to the operation, a server bug (500).
    /// </summary>
    public static IResult Unexpected(CommandResult result) => result switch
    {
        CommandResult.Invalid invalid => BadRequest(invalid.Reason),
        CommandResult.SessionExpired => Unavailable("the cluster session expired before the command was applied; retry"),
        _ => Internal($"the cluster answered {result.Code}, which does not fit this request"),
    };

    public static IResult Create(int status, string code, string detail, string? leader = null, long? currentVersion = null) =>
        Results.Json(
            new ProblemBody("about:blank", ReasonPhrases.GetReasonPhrase(status), status, detail, code, leader, currentVersion),
            ApiJsonContext.Api.ProblemBody, ContentType, status);
}

using Microsoft.AspNetCore.Http;
using Raft.Grains.Client;
using Raft.Grains.Members;

namespace Raft.Silo.Http;

/// <summary>
/// The problem each refused or unfinished membership change and leadership transfer answers with: one
/// stable code per refusal. A refusal changed nothing; 504 timeout means the outcome is unknown.
/// </summary>
internal static class MembershipProblems
{
    public static IResult From(MembershipOutcome outcome) => outcome.Status switch
    {
        MembershipStatus.NotLeader => ProblemResults.NotLeader(outcome.LeaderAddress),
        MembershipStatus.ChangePending => Conflict(ApiErrorCode.ChangePending, outcome.Detail),
        MembershipStatus.LastVoter => Conflict(ApiErrorCode.LastVoter, outcome.Detail),
        MembershipStatus.AlreadyMember => Conflict(ApiErrorCode.AlreadyMember, outcome.Detail),
        MembershipStatus.AlreadyVoter => Conflict(ApiErrorCode.AlreadyVoter, outcome.Detail),
        MembershipStatus.UnknownMember => ProblemResults.Create(StatusCodes.Status404NotFound, ApiErrorCode.UnknownMember, outcome.Detail),
        MembershipStatus.InvalidPeer => ProblemResults.Create(StatusCodes.Status400BadRequest, ApiErrorCode.InvalidPeer, outcome.Detail),
        MembershipStatus.LeaderNotReady => Passing(ApiErrorCode.LeaderNotReady, outcome.Detail),
        MembershipStatus.TransferInProgress => Passing(ApiErrorCode.TransferInProgress, outcome.Detail),
        MembershipStatus.Timeout or MembershipStatus.Unknown => ProblemResults.Timeout(outcome.Detail),
        MembershipStatus.Unavailable or MembershipStatus.LeadershipLost => ProblemResults.Unavailable(outcome.Detail),
        _ => ProblemResults.Internal($"unexpected membership outcome {outcome.Status}"),
    };

    public static IResult From(LeaderTransferOutcome outcome) => outcome.Status switch
    {
        TransferStatus.NotLeader => ProblemResults.NotLeader(outcome.LeaderAddress),
        TransferStatus.NotAVoter => Conflict(ApiErrorCode.NotAVoter, outcome.Detail),
        TransferStatus.UnknownMember => ProblemResults.Create(StatusCodes.Status404NotFound, ApiErrorCode.UnknownMember, outcome.Detail),
        TransferStatus.OtherLeader => ProblemResults.Create(StatusCodes.Status409Conflict, ApiErrorCode.OtherLeader, outcome.Detail, leader: outcome.LeaderAddress),
        TransferStatus.Timeout or TransferStatus.Unknown => ProblemResults.Timeout(outcome.Detail),
        TransferStatus.Unavailable => ProblemResults.Unavailable(outcome.Detail),
        _ => ProblemResults.Internal($"unexpected transfer outcome {outcome.Status}"),
    };

    private static IResult Conflict(string code, string detail) => ProblemResults.Create(StatusCodes.Status409Conflict, code, detail);

    private static IResult Passing(string code, string detail) =>
        new RetryAfterResult(ProblemResults.Create(StatusCodes.Status503ServiceUnavailable, code, detail), seconds: 1);
}

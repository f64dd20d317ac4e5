using Raft.Grains.Client;
using Raft.Grains.Members;

namespace Raft.Client.Cluster;

/// <summary>
/// A membership change or leadership transfer that did not complete, as the console's error: the same code
/// per refusal as the HTTP API's problem documents (Raft.Silo's MembershipProblems), the client grain's words.
/// </summary>
internal static class MembershipErrors
{
    public static ClusterErrorException From(MembershipOutcome outcome) => new(outcome.Status switch
    {
        MembershipStatus.NotLeader => ErrorCodes.NotLeader,
        MembershipStatus.ChangePending => ErrorCodes.ChangePending,
        MembershipStatus.LastVoter => ErrorCodes.LastVoter,
        MembershipStatus.AlreadyMember => ErrorCodes.AlreadyMember,
        MembershipStatus.AlreadyVoter => ErrorCodes.AlreadyVoter,
        MembershipStatus.UnknownMember => ErrorCodes.UnknownMember,
        MembershipStatus.InvalidPeer => ErrorCodes.InvalidPeer,
        MembershipStatus.LeaderNotReady => ErrorCodes.LeaderNotReady,
        MembershipStatus.TransferInProgress => ErrorCodes.TransferInProgress,
        MembershipStatus.Timeout or MembershipStatus.Unknown => ErrorCodes.Timeout,
        MembershipStatus.Unavailable or MembershipStatus.LeadershipLost => ErrorCodes.Unavailable,
        _ => ErrorCodes.Internal,
    }, outcome.Detail);

    public static ClusterErrorException From(LeaderTransferOutcome outcome) => new(outcome.Status switch
    {
        TransferStatus.NotLeader => ErrorCodes.NotLeader,
        TransferStatus.NotAVoter => ErrorCodes.NotAVoter,
        TransferStatus.UnknownMember => ErrorCodes.UnknownMember,
        TransferStatus.OtherLeader => ErrorCodes.OtherLeader,
        TransferStatus.Timeout or TransferStatus.Unknown => ErrorCodes.Timeout,
        TransferStatus.Unavailable => ErrorCodes.Unavailable,
        _ => ErrorCodes.Internal,
    }, outcome.Detail);
}

using Raft.Core.Members;

namespace Raft.Grains.Members;

/// <summary>One line per outcome, the same words for the HTTP API and the console.</summary>
public static class MembershipDetails
{
    public static string Describe(MembershipStatus status, MembershipChange change)
    {
        var peer = change.PeerId;
        return status switch
        {
            MembershipStatus.Committed => $"{Verb(change.Kind)} peer {peer}: committed",
            MembershipStatus.NotLeader => "this silo does not host the leader",
            MembershipStatus.ChangePending => "another membership change is not committed yet; one change at a time",
            MembershipStatus.LeaderNotReady => "the leader has not committed an entry of its term yet; retry shortly",
            MembershipStatus.TransferInProgress => "a leadership transfer is under way; retry once it ends",
            MembershipStatus.AlreadyMember => $"peer {peer} is already a member",
            MembershipStatus.AlreadyVoter => $"peer {peer} is already a voter",
            MembershipStatus.UnknownMember => change.Kind == MembershipChangeKind.Promote ? $"peer {peer} is not a learner" : $"peer {peer} is not a member",
            MembershipStatus.LastVoter => $"peer {peer} is the last voter; removing it would leave nobody to elect a leader",
            MembershipStatus.InvalidPeer => $"'{change.Kind} {peer}' is not a change this cluster can make",
            MembershipStatus.LeadershipLost => "a new leader overwrote the change; it did not happen",
            MembershipStatus.Timeout => "the change did not commit in time; it may still commit (see the members)",
            MembershipStatus.Unknown => "the leader stopped before the change committed; it may or may not commit (see the members)",
            MembershipStatus.Unavailable => "no leader could be reached in time; nothing changed",
            _ => status.ToString(),
        };
    }

    public static string Describe(TransferStatus status, int to, int leader) => status switch
    {
        TransferStatus.Completed => $"peer {to} leads",
        TransferStatus.NotLeader => "this silo does not host the leader",
        TransferStatus.NotAVoter => $"peer {to} is a learner; only a voter can lead",
        TransferStatus.UnknownMember => $"peer {to} is not a member",
        TransferStatus.Timeout => $"peer {to} did not take over in time" + (leader != 0 ? $"; peer {leader} leads" : ""),
        TransferStatus.OtherLeader => $"peer {leader} won the election instead of peer {to}",
        TransferStatus.Unknown => "the leader stopped before the transfer ended",
        TransferStatus.Unavailable => "no leader could be reached in time; nothing changed",
        _ => status.ToString(),
    };

    private static string Verb(MembershipChangeKind kind) => kind switch
    {
        MembershipChangeKind.AddLearner => "add learner",
        MembershipChangeKind.AddVoter => "add voter",
        MembershipChangeKind.Promote => "promote",
        MembershipChangeKind.Remove => "remove",
        _ => kind.ToString(),
    };
}

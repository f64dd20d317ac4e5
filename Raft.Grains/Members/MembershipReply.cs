namespace Raft.Grains.Members;

/// <summary>
/// The answer to <see cref="IRaftPeerGrain.ChangeMembershipAsync"/>: how it ended, the log position of the
/// configuration entry (0 when refused) and, for <see cref="MembershipStatus.NotLeader"/>, the leader's id
/// when known (0 otherwise).
/// </summary>
[GenerateSerializer, Alias("raft.membership-reply")]
public sealed record MembershipReply(MembershipStatus Status, long Index, long Term, int LeaderHint)
{
    public bool IsCommitted => Status == MembershipStatus.Committed;

    public static MembershipReply Refused(MembershipStatus status, int leaderHint) => new(status, 0, 0, leaderHint);
}

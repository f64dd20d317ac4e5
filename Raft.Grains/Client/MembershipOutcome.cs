using Raft.Grains.Members;

namespace Raft.Grains.Client;

/// <summary>
/// The answer to a membership change at the client grain: how it ended (<see cref="MembershipStatus"/>),
/// the configuration entry's index when it was appended, a one-line reason, and the leader's client address
/// on not-leader (forwarding off).
/// </summary>
[GenerateSerializer, Alias("raft.membership-outcome")]
public sealed record MembershipOutcome(MembershipStatus Status, long Index, string Detail, string? LeaderAddress = null)
{
    public bool IsCommitted => Status == MembershipStatus.Committed;
}

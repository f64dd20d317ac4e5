using Raft.Core.Members;
using Raft.Core.Node;
using Raft.Core.Progress;

namespace Raft.Grains.Serialization;

/// <summary>A peer's status as Orleans carries it (see <see cref="EntrySurrogate"/> for why surrogates).</summary>
[GenerateSerializer, Alias("raft.peer-status")]
public struct PeerStatusSurrogate
{
    [Id(0)] public int Id;
    [Id(1)] public byte Role;
    [Id(2)] public long Term;
    [Id(3)] public int VotedFor;
    [Id(4)] public int Leader;
    [Id(5)] public long LastIndex;
    [Id(6)] public long LastTerm;
    [Id(7)] public long Commit;
    [Id(8)] public long Applied;
    [Id(9)] public FollowerStatusSurrogate[] Followers;
    [Id(10)] public long SnapshotIndex;
    [Id(11)] public long FirstIndex;
    [Id(12)] public long LogLength;
    [Id(13)] public byte[] Membership;
    [Id(14)] public int LeadTransferee;
}

/// <summary>One follower as its leader sees it.</summary>
[GenerateSerializer, Alias("raft.follower-status")]
public struct FollowerStatusSurrogate
{
    [Id(0)] public int Id;
    [Id(1)] public long Match;
    [Id(2)] public long Next;
    [Id(3)] public byte State;
    [Id(4)] public bool RecentActive;
}

[RegisterConverter]
public sealed class PeerStatusSurrogateConverter : IConverter<PeerStatus, PeerStatusSurrogate>
{
    public PeerStatus ConvertFromSurrogate(in PeerStatusSurrogate surrogate) => new()
    {
        Id = surrogate.Id,
        Role = (RaftRole)surrogate.Role,
        Term = surrogate.Term,
        VotedFor = surrogate.VotedFor,
        Leader = surrogate.Leader,
        LastIndex = surrogate.LastIndex,
        LastTerm = surrogate.LastTerm,
        Commit = surrogate.Commit,
        Applied = surrogate.Applied,
        SnapshotIndex = surrogate.SnapshotIndex,
        FirstIndex = surrogate.FirstIndex,
        LogLength = surrogate.LogLength,
        Membership = MembershipCodec.TryDecode(surrogate.Membership ?? []) ?? Membership.Empty,
        LeadTransferee = surrogate.LeadTransferee,
        Followers = (surrogate.Followers ?? [])
            .Select(f => new FollowerStatus(f.Id, f.Match, f.Next, (ReplicationState)f.State, f.RecentActive))
            .ToArray(),
    };

    public PeerStatusSurrogate ConvertToSurrogate(in PeerStatus value) => new()
    {
        Id = value.Id,
        Role = (byte)value.Role,
        Term = value.Term,
        VotedFor = value.VotedFor,
        Leader = value.Leader,
        LastIndex = value.LastIndex,
        LastTerm = value.LastTerm,
        Commit = value.Commit,
        Applied = value.Applied,
        SnapshotIndex = value.SnapshotIndex,
        FirstIndex = value.FirstIndex,
        LogLength = value.LogLength,
        Membership = MembershipCodec.Encode(value.Membership),
        LeadTransferee = value.LeadTransferee,
        Followers = value.Followers
            .Select(f => new FollowerStatusSurrogate { Id = f.Id, Match = f.Match, Next = f.Next, State = (byte)f.State, RecentActive = f.RecentActive })
            .ToArray(),
    };
}

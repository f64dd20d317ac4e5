namespace Raft.Core.Members;

public enum MembershipChangeKind : byte
{
    /// <summary>A new member that receives the log but does not vote until promoted.</summary>
    AddLearner = 1,
    /// <summary>A new voting member at once (safe, one server at a time; a learner first is kinder to availability).</summary>
    AddVoter = 2,
    /// <summary>A learner becomes a voter.</summary>
    Promote = 3,
    /// <summary>A voter or learner leaves.</summary>
    Remove = 4,
}

/// <summary>One server added, promoted or removed: the only step the group takes at a time (dissertation §4.1).</summary>
public readonly record struct MembershipChange(MembershipChangeKind Kind, int PeerId)
{
    public override string ToString() => $"{Kind} {PeerId}";
}

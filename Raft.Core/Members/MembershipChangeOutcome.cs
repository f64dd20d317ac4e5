namespace Raft.Core.Members;

/// <summary>What a leader did with a membership change. Everything but Accepted changed nothing.</summary>
public enum MembershipChangeOutcome : byte
{
    /// <summary>The new membership is appended at Index, where it already takes effect; it is not yet committed.</summary>
    Accepted = 0,
    /// <summary>This peer is not the leader; LeaderHint names the leader when known.</summary>
    NotLeader,
    /// <summary>A previous change is not yet committed: one change at a time.</summary>
    ChangePending,
    /// <summary>The leader has not yet committed an entry of its own term, so it may not know the latest membership (the dissertation's fix, §4.1).</summary>
    LeaderNotReady,
    /// <summary>A leadership transfer is under way.</summary>
    TransferInProgress,
    /// <summary>The id is already a member (to add) or already a voter (to promote).</summary>
    AlreadyMember,
    AlreadyVoter,
    /// <summary>The id is not a member (to promote or remove); promote also needs a learner.</summary>
    UnknownMember,
    /// <summary>Removing the only voter would leave no one to elect a leader.</summary>
    LastVoter,
    /// <summary>The id is not a positive peer id, or the change kind is unknown.</summary>
    InvalidPeer,
}

/// <summary>The answer to a membership change.</summary>
public readonly record struct MembershipChangeResult(MembershipChangeOutcome Outcome, long Index, long Term, int LeaderHint)
{
    public bool IsAccepted => Outcome == MembershipChangeOutcome.Accepted;
}

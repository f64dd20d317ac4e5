namespace Raft.Grains.Members;

/// <summary>
/// How a membership change ended at a peer. Only <see cref="Committed"/> means the change took effect for
/// good; the refusals (every value from <see cref="NotLeader"/> to <see cref="InvalidPeer"/>) appended nothing.
/// </summary>
[GenerateSerializer]
public enum MembershipStatus : byte
{
    /// <summary>The configuration entry is committed and applied at the leader.</summary>
    Committed = 0,
    /// <summary>This peer does not lead; the reply names the leader when known. Nothing was appended.</summary>
    NotLeader,
    /// <summary>An earlier change is not committed yet: one change at a time (dissertation §4.1).</summary>
    ChangePending,
    /// <summary>The leader has not committed an entry of its term yet, so it may not know the latest membership; retry shortly.</summary>
    LeaderNotReady,
    /// <summary>A leadership transfer is under way; retry once it ends.</summary>
    TransferInProgress,
    /// <summary>The peer is already a member (to add).</summary>
    AlreadyMember,
    /// <summary>The peer is already a voter (to promote).</summary>
    AlreadyVoter,
    /// <summary>The peer is not a member (to remove), or not a learner (to promote).</summary>
    UnknownMember,
    /// <summary>Removing the only voter would leave nobody to elect a leader.</summary>
    LastVoter,
    /// <summary>The id is no peer of this cluster, or the change kind is unknown.</summary>
    InvalidPeer,
    /// <summary>The entry was overwritten by a new leader: the change did not happen and never will at that index.</summary>
    LeadershipLost,
    /// <summary>The entry did not commit in time; it may still commit.</summary>
    Timeout,
    /// <summary>The peer stopped before it learned the outcome; the change may or may not commit.</summary>
    Unknown,
    /// <summary>No leader could be reached in time (the client grain's answer; a peer never gives it). Nothing was appended.</summary>
    Unavailable,
}

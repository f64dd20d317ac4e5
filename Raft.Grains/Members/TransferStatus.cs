namespace Raft.Grains.Members;

/// <summary>How a leadership transfer ended at the peer that was asked.</summary>
[GenerateSerializer]
public enum TransferStatus : byte
{
    /// <summary>The target leads now (or already led).</summary>
    Completed = 0,
    /// <summary>This peer does not lead; the reply names the leader when known. Nothing changed.</summary>
    NotLeader,
    /// <summary>The target is a learner: only voters can lead. Nothing changed.</summary>
    NotAVoter,
    /// <summary>The target is no member of the group at all. Nothing changed.</summary>
    UnknownMember,
    /// <summary>The target did not take over within the bound (the leader gave the transfer up after an election timeout); the reply names whoever leads.</summary>
    Timeout,
    /// <summary>Another peer won the election the transfer started; the reply names it.</summary>
    OtherLeader,
    /// <summary>The peer stopped before it learned the outcome.</summary>
    Unknown,
    /// <summary>No leader could be reached in time (the client grain's answer; a peer never gives it).</summary>
    Unavailable,
}

namespace Raft.Core.Node;

/// <summary>
/// What <see cref="RaftNode.Step"/> did with a message. Everything but <see cref="Accepted"/> means the
/// message changed nothing; the host may log or count it, and a peer that keeps sending bad input can
/// be cut off.
/// </summary>
public enum StepOutcome : byte
{
    /// <summary>The message was processed (which may still mean answering it with a rejection).</summary>
    Accepted = 0,
    /// <summary>Its term is older than ours; it was dropped (or answered so the sender learns our term).</summary>
    StaleTerm,
    /// <summary>The sender is not a member of the configuration.</summary>
    UnknownPeer,
    /// <summary>The message is addressed to another peer.</summary>
    WrongRecipient,
    /// <summary>Fields contradict each other: negative numbers, entries that are not contiguous, terms from the future.</summary>
    Malformed,
    /// <summary>It names an index past our log where the protocol guarantees it cannot be (a lying or corrupt peer).</summary>
    IndexPastLog,
    /// <summary>It would overwrite an entry we know is committed; only a broken peer sends this.</summary>
    ConflictsWithCommitted,
    /// <summary>A vote request while we still hear from a leader (CheckQuorum lease, dissertation §4.2.3).</summary>
    IgnoredInLease,
    /// <summary>The message type means nothing in our role (a vote response to a follower, say).</summary>
    NotApplicable,
    /// <summary>A snapshot chunk that is corrupt or out of order: refused (the sender is told the offset we expect).</summary>
    ChunkRefused,
}

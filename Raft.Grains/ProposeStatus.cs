namespace Raft.Grains;

/// <summary>How a proposal ended. Only <see cref="Applied"/> means the command took effect.</summary>
[GenerateSerializer]
public enum ProposeStatus : byte
{
    /// <summary>Committed, and applied to this peer's state machine; the reply carries its result.</summary>
    Applied = 0,
    /// <summary>This peer does not lead; the reply names the leader when known (0 otherwise). Nothing was appended.</summary>
    NotLeader,
    /// <summary>The command exceeds the configured proposal size. Nothing was appended.</summary>
    TooLarge,
    /// <summary>Too many uncommitted bytes are in flight (flow control). Nothing was appended; retry later.</summary>
    Dropped,
    /// <summary>
    /// The entry at the proposal's index was applied with another term: a new leader overwrote it, so this
    /// command was not applied at that index and never will be (Log Matching, Raft §5.3).
    /// </summary>
    LeadershipLost,
    /// <summary>The timeout passed before the entry applied here. The command may still apply later.</summary>
    Timeout,
    /// <summary>
    /// The peer stopped (shutdown or storage failure) before it learned the outcome, or a snapshot from the
    /// leader replaced its state past the proposal's index. The command may or may not apply.
    /// </summary>
    Unknown,
    /// <summary>The state machine refused the command before it reached the log (it does not decode or breaks a limit). Nothing was appended.</summary>
    Rejected,
    /// <summary>Leadership is moving to the peer the reply names (<see cref="ProposeReply.LeaderHint"/>); nothing was appended, retry there shortly.</summary>
    Transferring,
}

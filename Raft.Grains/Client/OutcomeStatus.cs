namespace Raft.Grains.Client;

/// <summary>How a request to the cluster ended. Only <see cref="Completed"/> carries a state-machine result.</summary>
[GenerateSerializer]
public enum OutcomeStatus : byte
{
    /// <summary>Committed and applied (or read); <see cref="CommandOutcome.Result"/> holds the answer.</summary>
    Completed = 0,
    /// <summary>Forwarding is off and this silo does not host the leader; <see cref="CommandOutcome.LeaderAddress"/> names it when known.</summary>
    NotLeader,
    /// <summary>No answer in time; the command may or may not have been applied (retry with the same request id).</summary>
    Timeout,
    /// <summary>No leader could be reached (no quorum, or the peer is stopping).</summary>
    Unavailable,
    /// <summary>The request breaks a limit or the grammar; nothing was proposed.</summary>
    BadRequest,
    /// <summary>The request is larger than the configured limit; nothing was proposed.</summary>
    TooLarge,
}

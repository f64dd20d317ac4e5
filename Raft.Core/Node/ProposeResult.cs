namespace Raft.Core.Node;

public enum ProposeOutcome : byte
{
    /// <summary>Appended to the leader's log at Index in Term. Not yet committed.</summary>
    Accepted = 0,
    /// <summary>This peer is not the leader; LeaderHint names the leader when known (0 otherwise).</summary>
    NotLeader,
    /// <summary>The command is larger than <see cref="RaftConfig.MaxProposalBytes"/>.</summary>
    TooLarge,
    /// <summary>Too many uncommitted bytes wait already; retry after some commit (flow control).</summary>
    Dropped,
    /// <summary>Leadership is moving to LeaderHint; retry there shortly.</summary>
    Transferring,
}

/// <summary>The answer to a proposal. Only Accepted changes the node.</summary>
public readonly record struct ProposeResult(ProposeOutcome Outcome, long Index, long Term, int LeaderHint)
{
    public bool IsAccepted => Outcome == ProposeOutcome.Accepted;

    public static ProposeResult Accepted(long index, long term) => new(ProposeOutcome.Accepted, index, term, 0);

    public static ProposeResult Refused(ProposeOutcome outcome, int leaderHint) => new(outcome, 0, 0, leaderHint);
}

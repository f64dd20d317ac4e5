using Raft.Grains.StateMachine;

namespace Raft.Grains.Client;

/// <summary>The answer to a cluster request: a state-machine result, or why there is none.</summary>
[GenerateSerializer, Alias("raft.command-outcome")]
public sealed record CommandOutcome(OutcomeStatus Status, CommandResult? Result = null, string? LeaderAddress = null, string? Detail = null)
{
    public static CommandOutcome Completed(CommandResult result) => new(OutcomeStatus.Completed, result);

    public static CommandOutcome NotLeader(string? leaderAddress) => new(OutcomeStatus.NotLeader, LeaderAddress: leaderAddress, Detail: "this silo does not host the leader");

    public static CommandOutcome Failed(OutcomeStatus status, string detail) => new(status, Detail: detail);
}

using Raft.Grains.StateMachine;

namespace Raft.Grains;

/// <summary>The answer to <see cref="IRaftPeerGrain.ReadAsync"/>: the query's result, or why there is none.</summary>
[GenerateSerializer, Alias("raft.read-reply")]
public sealed record ReadReply(ReadStatus Status, CommandResult? Value, int LeaderHint)
{
    public static ReadReply Completed(CommandResult value) => new(ReadStatus.Completed, value, 0);

    public static ReadReply Failed(ReadStatus status, int leaderHint = 0) => new(status, null, leaderHint);
}

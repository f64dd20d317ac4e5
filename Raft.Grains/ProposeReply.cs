namespace Raft.Grains;

/// <summary>
/// The answer to <see cref="IRaftPeerGrain.ProposeAsync"/>. <see cref="Index"/> and <see cref="Term"/> name
/// the log position the command was given (0 when it was refused); <see cref="LeaderHint"/> is set for
/// <see cref="ProposeStatus.NotLeader"/> and <see cref="ProposeStatus.Transferring"/>; <see cref="Result"/> is what the state machine returned.
/// </summary>
[GenerateSerializer, Alias("raft.propose-reply")]
public sealed record ProposeReply(ProposeStatus Status, long Index, long Term, int LeaderHint, ReadOnlyMemory<byte> Result)
{
    public bool IsApplied => Status == ProposeStatus.Applied;

    public static ProposeReply Applied(long index, long term, ReadOnlyMemory<byte> result) => new(ProposeStatus.Applied, index, term, 0, result);

    public static ProposeReply Refused(ProposeStatus status, int leaderHint) => new(status, 0, 0, leaderHint, ReadOnlyMemory<byte>.Empty);

    public static ProposeReply Failed(ProposeStatus status, long index, long term) => new(status, index, term, 0, ReadOnlyMemory<byte>.Empty);

    public override string ToString() =>
        Status switch
        {
            ProposeStatus.Applied => $"Applied {Term}/{Index} ({Result.Length}B)",
            ProposeStatus.NotLeader => $"NotLeader leader={LeaderHint}",
            ProposeStatus.Transferring => $"Transferring to={LeaderHint}",
            _ => $"{Status} {Term}/{Index}",
        };
}

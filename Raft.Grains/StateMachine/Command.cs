namespace Raft.Grains.StateMachine;

/// <summary>
/// One client command as it sits in a log entry: the session and sequence number that make it exactly-once
/// (dissertation §6.3), the leader's timestamp, and the operation.
/// </summary>
/// <param name="SessionId">The client's session, the log index of its RegisterSession entry; 0 only for RegisterSession.</param>
/// <param name="Sequence">The client's number for this command, 1 and up within the session; 0 for RegisterSession.</param>
/// <param name="TimestampMs">
/// Unix milliseconds written by the leader when it proposes (<see cref="CommandCodec.StampTimestamp"/>): the only
/// time the state machine knows, so every peer judges expiry alike.
/// </param>
public sealed record Command(long SessionId, long Sequence, long TimestampMs, Operation Operation)
{
    /// <summary>The command that opens a session, or finds the live one called <paramref name="name"/>.</summary>
    public static Command RegisterSession(long timestampMs = 0, string? name = null) =>
        new(0, 0, timestampMs, new Operation.RegisterSession(name));
}

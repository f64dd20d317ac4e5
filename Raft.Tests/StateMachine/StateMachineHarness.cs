using Raft.Core.Messages;
using Raft.Grains.StateMachine;

namespace Raft.Tests.StateMachine;

/// <summary>
/// Plays the host and one client for a <see cref="KeyValueStateMachine"/>: numbers entries from 1, stamps
/// commands with a settable log-time clock, opens a session and numbers its commands.
/// </summary>
internal sealed class StateMachineHarness
{
    private long _sequence;

    public StateMachineHarness(StateMachineLimits? limits = null, long startMs = 1_000_000)
    {
        Machine = new KeyValueStateMachine(limits);
        TimestampMs = startMs;
        SessionId = Register();
    }

    public KeyValueStateMachine Machine { get; }

    /// <summary>The timestamp the "leader" writes into the next command.</summary>
    public long TimestampMs { get; set; }

    public long SessionId { get; set; }

    /// <summary>The sequence number the next <see cref="Run"/> uses.</summary>
    public long NextSequence => _sequence + 1;

    public long LastIndex { get; private set; }

    public byte[] ApplyBytes(byte[] data) =>
        Machine.Apply(new Entry(1, ++LastIndex, EntryType.Normal, data)).ToArray();

    public byte[] ApplyCommandBytes(Command command) => ApplyBytes(CommandCodec.Encode(command));

    public CommandResult ApplyCommand(Command command) => ResultCodec.Decode(ApplyCommandBytes(command));

    /// <summary>Runs an operation in the harness's session with the next sequence number.</summary>
    public CommandResult Run(Operation operation) => ApplyCommand(new Command(SessionId, ++_sequence, TimestampMs, operation));

    /// <summary>Opens a session (or finds the live one called <paramref name="name"/>) and returns its id.</summary>
    public long Register(string? name = null)
    {
        var result = ApplyCommand(Command.RegisterSession(TimestampMs, name));
        return Assert.IsType<CommandResult.SessionRegistered>(result).SessionId;
    }

    /// <summary>A no-op entry, as a new leader appends: it takes an index but the host does not apply it.</summary>
    public void SkipIndex() => LastIndex++;
}

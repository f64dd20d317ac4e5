using System.Buffers.Binary;
using Raft.Core.Messages;
using Raft.Grains.StateMachine;

namespace Raft.Tests.StateMachine;

/// <summary>
/// Proves every command survives encode and decode unchanged, that the leader's timestamp can be stamped in
/// place at its fixed offset, and that malformed bytes (every truncation, bad lengths, unknown codes, bad
/// UTF-8, trailing bytes, random garbage) are refused by the decoder and become an Invalid result from
/// Apply without an exception and without changing state.
/// </summary>
public sealed class CommandCodecTests
{
    internal static readonly Operation[] EveryOperation =
    [
        new Operation.RegisterSession(),
        new Operation.RegisterSession("client-7"),
        new Operation.RegisterSession("клиент ✓"),
        new Operation.Put("k", "v"),
        new Operation.Put("ключ", "значение ✓", 30),
        new Operation.Put("empty-value", ""),
        new Operation.Cas("k", 0, "v"),
        new Operation.Cas("k", 42, "v2", 5),
        new Operation.Delete("k"),
        new Operation.Get("k"),
        new Operation.CreateTopic("orders"),
        new Operation.ListTopics(),
        new Operation.PutMessage("orders", "hello 🌍"),
        new Operation.PutMessage("orders", ""),
        new Operation.GetMessage("orders"),
    ];

    [Fact]
    public void EveryOperation_RoundTrips()
    {
        foreach (var operation in EveryOperation)
        {
            var command = new Command(7, 3, 1_700_000_000_123, operation);
            var bytes = CommandCodec.Encode(command);
            Assert.Equal(CommandCodec.GetEncodedLength(command), bytes.Length);
            Assert.Equal(CommandCodec.Version, bytes[0]);
            Assert.Equal(command, CommandCodec.Decode(bytes));
        }
    }

    [Fact]
    public void StampTimestamp_RewritesOnlyTheTimestamp()
    {
        var command = new Command(7, 3, 0, new Operation.Put("k", "v", 10));
        var bytes = CommandCodec.Encode(command);
        CommandCodec.StampTimestamp(bytes, 1_234_567);
        Assert.Equal(1_234_567, CommandCodec.ReadTimestamp(bytes));
        Assert.Equal(command with { TimestampMs = 1_234_567 }, CommandCodec.Decode(bytes));
        Assert.Throws<ArgumentException>(() => CommandCodec.StampTimestamp(new byte[5], 1));
        bytes[0] = 99;
        Assert.Throws<ArgumentException>(() => CommandCodec.StampTimestamp(bytes, 1));
    }

    [Fact]
    public void EveryTruncation_IsRefused()
    {
        foreach (var operation in EveryOperation)
        {
            var bytes = CommandCodec.Encode(new Command(1, 1, 1, operation));
            for (var length = 0; length < bytes.Length; length++)
            {
                Assert.Throws<MalformedDataException>(() => CommandCodec.Decode(bytes.AsSpan(0, length)));
            }
        }
    }

    [Fact]
    public void BadFields_AreRefusedWithAReason()
    {
        var put = CommandCodec.Encode(new Command(1, 1, 1, new Operation.Put("key", "value")));
        var keyLengthAt = CommandCodec.HeaderBytes;

        AssertRefused(Mutate(put, b => b[0] = 1), "unsupported command version 1");
        AssertRefused(Mutate(put, b => b[CommandCodec.HeaderBytes - 1] = 200), "unknown operation 200");
        AssertRefused([.. put, 0], "bytes after the end of the command");
        AssertRefused(Mutate(put, b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(keyLengthAt), -1)), "key is negative");
        AssertRefused(Mutate(put, b => BinaryPrimitives.WriteInt32LittleEndian(b.AsSpan(keyLengthAt), 1 << 30)), "key is 1073741824");
        AssertRefused(Mutate(put, b => b[keyLengthAt + 4] = 0xFF), "key is not valid UTF-8");
        AssertRefused(Mutate(put, b => b[^1] = 7), "ttl has presence flag 7");

        var named = CommandCodec.Encode(Command.RegisterSession(1, "me"));
        AssertRefused(Mutate(named, b => b[CommandCodec.HeaderBytes] = 2), "session name has presence flag 2");
        AssertRefused(Mutate(named, b => b[^1] = 0xC0), "session name is not valid UTF-8");
        var anonymous = CommandCodec.Encode(Command.RegisterSession(1));
        Assert.Equal(CommandCodec.HeaderBytes + 1, anonymous.Length);
        AssertRefused(anonymous[..^1], "session name needs 1 bytes");
    }

    [Fact]
    public void Encode_TextThatIsNotUnicode_Throws() =>
        Assert.Throws<ArgumentException>(() => CommandCodec.Encode(new Command(1, 1, 1, new Operation.Put("\uD800", "v"))));

    [Fact]
    public void Apply_MalformedBytes_ReturnsInvalidAndChangesNothing()
    {
        var harness = new StateMachineHarness();
        harness.Run(new Operation.Put("k", "v"));
        var before = harness.Machine.WriteSnapshot();
        var beforeNow = harness.Machine.NowMs;

        var valid = CommandCodec.Encode(new Command(harness.SessionId, harness.NextSequence, harness.TimestampMs + 5000, new Operation.Put("k", "other")));
        byte[][] malformed = [[], [1], valid[..^1], [.. valid, 9], Mutate(valid, b => b[0] = 0)];
        foreach (var bytes in malformed)
        {
            var result = ResultCodec.Decode(harness.ApplyBytes(bytes));
            Assert.IsType<CommandResult.Invalid>(result);
        }

        Assert.Equal(beforeNow, harness.Machine.NowMs);
        Assert.Equal(new CommandResult.Value("v", 2, null), harness.Machine.Read("k"));
        Assert.Equal(harness.LastIndex, harness.Machine.AppliedIndex);
        AssertSameStateExceptAppliedIndex(before, harness.Machine.WriteSnapshot());
    }

    [Fact]
    public void Apply_RandomGarbage_NeverThrows()
    {
        var random = new Random(20240601);
        var machine = new KeyValueStateMachine();
        var valid = CommandCodec.Encode(new Command(1, 1, 1, new Operation.Cas("key", 3, "value", 9)));
        for (var i = 1; i <= 5000; i++)
        {
            byte[] data;
            if (i % 2 == 0)
            {
                data = new byte[random.Next(0, 64)];
                random.NextBytes(data);
            }
            else
            {
                // Flip a byte of a valid command: mostly-plausible input reaches deeper into the decoder.
                data = (byte[])valid.Clone();
                data[random.Next(data.Length)] = (byte)random.Next(256);
            }
            var result = machine.Apply(new Entry(1, i, EntryType.Normal, data));
            Assert.True(ResultCodec.TryDecode(result.Span, out _, out var error), error);
        }
        Assert.Equal(5000, machine.AppliedIndex);
    }

    [Fact]
    public void Apply_NoOpEntry_OnlyAdvancesAppliedIndex_AndOutOfOrderEntriesThrow()
    {
        var machine = new KeyValueStateMachine();
        Assert.True(machine.Apply(new Entry(1, 3, EntryType.NoOp, ReadOnlyMemory<byte>.Empty)).IsEmpty);
        Assert.Equal(3, machine.AppliedIndex);
        Assert.Throws<InvalidOperationException>(() => machine.Apply(new Entry(1, 3, EntryType.Normal, CommandCodec.Encode(Command.RegisterSession()))));
    }

    internal static void AssertSameStateExceptAppliedIndex(byte[] expected, byte[] actual)
    {
        // Applied index sits right after the 5-byte header; the trailer's checksum covers it, so skip both.
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected.AsSpan(13, expected.Length - 13 - 4).ToArray(), actual.AsSpan(13, actual.Length - 13 - 4).ToArray());
    }

    private static void AssertRefused(byte[] bytes, string reasonContains)
    {
        var error = Assert.Throws<MalformedDataException>(() => CommandCodec.Decode(bytes));
        Assert.Contains(reasonContains, error.Message, StringComparison.Ordinal);
        Assert.False(CommandCodec.TryDecode(bytes, out _, out var tryError));
        Assert.Equal(error.Message, tryError);
    }

    private static byte[] Mutate(byte[] bytes, Action<byte[]> change)
    {
        var copy = (byte[])bytes.Clone();
        change(copy);
        return copy;
    }
}

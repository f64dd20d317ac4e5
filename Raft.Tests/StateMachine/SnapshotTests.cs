using System.Buffers.Binary;
using Raft.Grains.StateMachine;

namespace Raft.Tests.StateMachine;

/// <summary>
/// Proves snapshots capture the whole state: a fresh instance restored from one writes identical bytes and
/// answers the following commands (including retries recorded in sessions, expiries and queue order)
/// exactly as the original does; and that a truncated, padded or corrupted snapshot is refused with
/// <see cref="SnapshotCorruptException"/> while the current state stays as it was. A frozen snapshot, written
/// later (as the grain does, off the peer's turn), has the bytes of the state when it was frozen, whatever was
/// applied meanwhile.
/// </summary>
public sealed class SnapshotTests
{
    private const long Start = 2_000_000;

    private static StateMachineHarness Populated()
    {
        var harness = new StateMachineHarness(new StateMachineLimits { SessionTimeoutMs = 30_000 }, Start);
        harness.Run(new Operation.Put("b", "2"));
        harness.Run(new Operation.Put("a", "1", TtlSeconds: 20));
        harness.Run(new Operation.Put("c", "3", TtlSeconds: 5));
        harness.Run(new Operation.CreateTopic("z"));
        harness.Run(new Operation.CreateTopic("y"));
        harness.Run(new Operation.PutMessage("z", "m1"));
        harness.Run(new Operation.PutMessage("z", "m2"));
        harness.Register("other");
        harness.TimestampMs += 1_000;
        harness.Run(new Operation.Delete("b"));
        return harness;
    }

    [Fact]
    public void Restore_IntoAFreshInstance_GivesIdenticalBytesAndAnswers()
    {
        var original = Populated();
        var snapshot = original.Machine.WriteSnapshot();

        var restored = new KeyValueStateMachine(original.Machine.Limits);
        restored.RestoreSnapshot(snapshot);
        Assert.Equal(snapshot, restored.WriteSnapshot());
        Assert.Equal(original.Machine.AppliedIndex, restored.AppliedIndex);
        Assert.Equal(original.Machine.NowMs, restored.NowMs);
        Assert.Equal(original.Machine.ListTopics(), restored.ListTopics());
        Assert.Equal(original.Machine.Read("a"), restored.Read("a"));

        var sessionId = original.SessionId;
        var lastSequence = original.NextSequence - 1;
        Command[] following =
        [
            new(sessionId, lastSequence, Start + 1_000, new Operation.Delete("b")), // a retry: the recorded answer
            new(sessionId, lastSequence - 1, Start + 1_000, new Operation.Get("a")), // an older retry, also recorded
            new(sessionId, lastSequence + 1, Start + 6_000, new Operation.Get("c")), // expired meanwhile
            new(sessionId, lastSequence + 2, Start + 6_000, new Operation.GetMessage("z")),
            new(sessionId, lastSequence + 3, Start + 6_000, new Operation.Cas("a", 3, "swapped")),
            new(sessionId, lastSequence + 4, Start + 6_000, new Operation.CreateTopic("y")),
            new(sessionId, lastSequence + 5, Start + 6_000, new Operation.ListTopics()),
            new(9_999, 1, Start + 6_000, new Operation.Get("a")), // unknown session
            Command.RegisterSession(Start + 33_000), // and the session Populated registered, idle since Start, expires
        ];
        var index = original.Machine.AppliedIndex;
        foreach (var command in following)
        {
            var entry = new Raft.Core.Messages.Entry(2, ++index, Raft.Core.Messages.EntryType.Normal, CommandCodec.Encode(command));
            Assert.Equal(original.Machine.Apply(entry).ToArray(), restored.Apply(entry).ToArray());
        }
        Assert.Equal(original.Machine.WriteSnapshot(), restored.WriteSnapshot());
        Assert.Equal(new CommandResult.Value("swapped", index - 4, null), restored.Read("a"));
        Assert.Equal(2, restored.SessionCount);
    }

    [Fact]
    public void EveryTruncation_IsRefused_AndTheStateIsKept()
    {
        var snapshot = Populated().Machine.WriteSnapshot();
        var target = Populated();
        target.Run(new Operation.Put("mine", "kept"));
        var before = target.Machine.WriteSnapshot();

        for (var length = 0; length < snapshot.Length; length++)
        {
            Assert.Throws<SnapshotCorruptException>(() => target.Machine.RestoreSnapshot(snapshot.AsSpan(0, length)));
        }
        Assert.Throws<SnapshotCorruptException>(() => target.Machine.RestoreSnapshot([.. snapshot, 0]));
        Assert.Equal(before, target.Machine.WriteSnapshot());
    }

    [Fact]
    public void EveryFlippedByte_IsRefused()
    {
        var snapshot = Populated().Machine.WriteSnapshot();
        var target = new KeyValueStateMachine();
        for (var i = 0; i < snapshot.Length; i++)
        {
            var corrupt = (byte[])snapshot.Clone();
            corrupt[i] ^= 0x20;
            Assert.Throws<SnapshotCorruptException>(() => target.RestoreSnapshot(corrupt));
        }
        Assert.Equal(0, target.AppliedIndex);
    }

    [Fact]
    public void AWellFramedSnapshot_WithABadSection_IsRefused()
    {
        // A valid frame around a section the decoder must reject: a key count far beyond the bytes present.
        var sections = new byte[8 + 8 + 4];
        BinaryPrimitives.WriteInt32LittleEndian(sections.AsSpan(16), int.MaxValue);
        var error = Assert.Throws<SnapshotCorruptException>(() => new KeyValueStateMachine().RestoreSnapshot(Frame(sections)));
        Assert.Contains("key count", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AVersion1Snapshot_IsRefused()
    {
        // Version 1 had no session names or windows; nothing stored one, so it is refused rather than guessed at.
        var error = Assert.Throws<SnapshotCorruptException>(() => new KeyValueStateMachine().RestoreSnapshot(Frame(new byte[8 + 8 + 4 + 4 + 4], version: 1)));
        Assert.Contains("unsupported snapshot version 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyMachine_SnapshotRoundTrips()
    {
        var empty = new KeyValueStateMachine().WriteSnapshot();
        var restored = new KeyValueStateMachine();
        restored.RestoreSnapshot(empty);
        Assert.Equal(empty, restored.WriteSnapshot());
    }

    private static byte[] Frame(byte[] sections, byte version = 2)
    {
        var body = new byte[5 + sections.Length];
        "RSM1"u8.CopyTo(body);
        body[4] = version;
        sections.CopyTo(body, 5);
        var framed = new byte[body.Length + 12];
        body.CopyTo(framed, 0);
        BinaryPrimitives.WriteInt64LittleEndian(framed.AsSpan(body.Length), body.Length);
        var crc = Crc(framed.AsSpan(0, body.Length + 8));
        BinaryPrimitives.WriteUInt32LittleEndian(framed.AsSpan(body.Length + 8), crc);
        return framed;
    }

    private static uint Crc(ReadOnlySpan<byte> data)
    {
        // Bitwise CRC-32C, independent of the production code's table-free hardware path.
        var crc = 0xFFFF_FFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78u : crc >> 1;
        }
        return ~crc;
    }

    [Fact]
    public void FrozenSnapshot_WrittenAfterMoreApplies_HasTheBytesOfWhenItWasFrozen()
    {
        var harness = Populated();
        var atFreeze = harness.Machine.WriteSnapshot();
        var write = harness.Machine.FreezeSnapshot();

        harness.Run(new Operation.Put("a", "changed"));
        harness.Run(new Operation.Put("new", "key"));
        harness.Run(new Operation.Delete("c"));
        harness.Run(new Operation.PutMessage("z", "m3"));
        harness.Register("later");
        Assert.NotEqual(atFreeze, harness.Machine.WriteSnapshot());

        var written = new System.Buffers.ArrayBufferWriter<byte>();
        write(written);
        Assert.Equal(atFreeze, written.WrittenSpan.ToArray());
    }
}

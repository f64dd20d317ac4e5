using System.Buffers.Binary;
using Raft.Core.Messages;
using Raft.Silo.Transport;

namespace Raft.Tests.Transport;

/// <summary>
/// Proves the message codec round-trips every message type, with and without entries (empty, NoOp and 1 MiB
/// payloads), and that decoding refuses every malformed input with a FrameFormatException naming the
/// reason, never an index or allocation error.
/// </summary>
public sealed class MessageCodecTests
{
    public static TheoryData<MessageType> AllTypes() => new(Enum.GetValues<MessageType>());

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void RoundTrip_EveryType_WithoutEntries(MessageType type)
    {
        var message = new Message
        {
            Type = type,
            From = 1,
            To = int.MaxValue,
            Term = long.MaxValue,
            LogTerm = 7,
            Index = 123_456_789_012,
            Commit = 42,
            Reject = true,
            RejectHint = 5,
            Context = -9,
        };
        Messages.AssertEqual(message, MessageCodec.Decode(MessageCodec.Encode(message)));
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void RoundTrip_EveryType_WithEntries(MessageType type)
    {
        var message = Messages.Append(2, 3, entryCount: 3, entryBytes: 10) with { Type = type };
        message = message with
        {
            Entries = [.. message.Entries, new Entry(4, 104, EntryType.NoOp, ReadOnlyMemory<byte>.Empty), new Entry(4, 105, EntryType.Normal, Array.Empty<byte>())],
        };
        var decoded = MessageCodec.Decode(MessageCodec.Encode(message));
        Messages.AssertEqual(message, decoded);
        Assert.Equal(0, decoded.Entries[3].Data.Length);
    }

    [Fact]
    public void RoundTrip_OneMebibytePayload_CopiesDataOutOfTheFrame()
    {
        var message = Messages.Append(1, 2, entryCount: 1, entryBytes: 1024 * 1024);
        var frame = MessageCodec.Encode(message);
        var decoded = MessageCodec.Decode(frame);
        Array.Clear(frame);
        Messages.AssertEqual(message, decoded);
    }

    [Fact]
    public void Decode_EveryTruncation_IsRefused()
    {
        var frame = MessageCodec.Encode(Messages.Append(1, 2, entryCount: 2, entryBytes: 5));
        for (var length = 0; length < frame.Length; length++)
        {
            var e = Assert.Throws<FrameFormatException>(() => MessageCodec.Decode(frame.AsSpan(0, length)));
            Assert.True(e.Error is FrameError.Truncated or FrameError.LengthBeyondFrame, $"prefix {length}: {e.Message}");
        }
    }

    [Fact]
    public void Decode_WrongVersion_IsRefused()
    {
        var frame = MessageCodec.Encode(Messages.Heartbeat(1, 2, 0));
        frame[0] = MessageCodec.Version + 1;
        AssertRefused(frame, FrameError.UnsupportedVersion);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(255)]
    public void Decode_UnknownMessageType_IsRefused(byte type)
    {
        var frame = MessageCodec.Encode(Messages.Heartbeat(1, 2, 0));
        frame[1] = type;
        AssertRefused(frame, FrameError.UnknownMessageType);
    }

    [Fact]
    public void Decode_UnknownEntryType_IsRefused()
    {
        var frame = MessageCodec.Encode(Messages.Append(1, 2, entryCount: 1, entryBytes: 4));
        frame[MessageCodec.HeaderBytes + 16] = 7;
        AssertRefused(frame, FrameError.UnknownEntryType);
    }

    [Fact]
    public void Decode_RejectFlagOutsideZeroOrOne_IsRefused()
    {
        var frame = MessageCodec.Encode(Messages.Heartbeat(1, 2, 0));
        frame[42] = 2;
        AssertRefused(frame, FrameError.InvalidField);
    }

    [Theory]
    [InlineData(-1, FrameError.NegativeLength)]
    [InlineData(int.MinValue, FrameError.NegativeLength)]
    [InlineData(MessageCodec.MaxEntries + 1, FrameError.CountAboveLimit)]
    [InlineData(int.MaxValue, FrameError.CountAboveLimit)]
    [InlineData(2, FrameError.LengthBeyondFrame)]
    public void Decode_BadEntryCount_IsRefusedBeforeAllocating(int count, FrameError expected)
    {
        var frame = MessageCodec.Encode(Messages.Append(1, 2, entryCount: 1, entryBytes: 4));
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(MessageCodec.HeaderBytes - 4), count);
        AssertRefused(frame, expected);
    }

    [Theory]
    [InlineData(-1, FrameError.NegativeLength)]
    [InlineData(5, FrameError.LengthBeyondFrame)]
    [InlineData(int.MaxValue, FrameError.LengthBeyondFrame)]
    public void Decode_BadDataLength_IsRefused(int length, FrameError expected)
    {
        var frame = MessageCodec.Encode(Messages.Append(1, 2, entryCount: 1, entryBytes: 4));
        BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(MessageCodec.HeaderBytes + 17), length);
        AssertRefused(frame, expected);
    }

    [Fact]
    public void Decode_TrailingGarbage_IsRefused()
    {
        var frame = MessageCodec.Encode(Messages.Append(1, 2, entryCount: 1, entryBytes: 4));
        AssertRefused([.. frame, 0xEE], FrameError.TrailingBytes);
    }

    [Fact]
    public void Decode_RandomBytes_OnlyEverThrowsFrameFormatException()
    {
        var random = new Random(1234);
        var valid = MessageCodec.Encode(Messages.Append(1, 2, entryCount: 3, entryBytes: 8));
        for (var round = 0; round < 5_000; round++)
        {
            var bytes = (byte[])valid.Clone();
            // Flip a few bytes after the version and type, so most inputs reach the length and count checks.
            for (var flips = random.Next(1, 4); flips > 0; flips--) bytes[random.Next(2, bytes.Length)] = (byte)random.Next(256);
            try
            {
                MessageCodec.Decode(bytes);
            }
            catch (FrameFormatException)
            {
                // Refused cleanly; anything else fails the test.
            }
        }
    }

    private static void AssertRefused(byte[] frame, FrameError expected)
    {
        var e = Assert.Throws<FrameFormatException>(() => MessageCodec.Decode(frame));
        Assert.Equal(expected, e.Error);
    }
}

using System.Buffers;
using System.Buffers.Binary;
using Raft.Silo.Transport;

namespace Raft.Tests.Transport;

/// <summary>
/// Proves frames split correctly out of a byte stream (whole, partial, several at once), that a length
/// above the maximum or an unknown frame type is refused from the header alone, and that the handshake
/// round-trips and refuses unknown protocol versions and malformed names.
/// </summary>
public sealed class FrameCodecTests
{
    [Fact]
    public void TryReadFrame_SplitsConsecutiveFrames_AndWaitsForPartialOnes()
    {
        var writer = new ArrayBufferWriter<byte>();
        FrameCodec.WriteHandshake(Handshake.ForSilo("silo-a"), writer);
        FrameCodec.WriteMessage(Messages.Heartbeat(1, 2, 7), writer);
        var all = writer.WrittenMemory.ToArray();

        var partial = new ReadOnlySequence<byte>(all, 0, all.Length - 1);
        Assert.True(FrameCodec.TryReadFrame(ref partial, 1024, out var first, out var handshake));
        Assert.Equal(FrameType.Handshake, first);
        Assert.Equal("silo-a", Handshake.Decode(handshake.ToArray()).SiloName);
        var before = partial.Length;
        Assert.False(FrameCodec.TryReadFrame(ref partial, 1024, out _, out _));
        Assert.Equal(before, partial.Length);

        var whole = new ReadOnlySequence<byte>(all).Slice(all.Length - before - 1);
        Assert.True(FrameCodec.TryReadFrame(ref whole, 1024, out var second, out var payload));
        Assert.Equal(FrameType.Message, second);
        Assert.Equal(7, MessageCodec.Decode(payload.ToArray()).Context);
        Assert.True(whole.IsEmpty);
    }

    [Theory]
    [InlineData(1025)]
    [InlineData(0)]
    [InlineData(-1)]
    public void TryReadFrame_LengthOutsideBounds_IsRefusedFromTheHeader(int length)
    {
        var header = new byte[FrameCodec.HeaderBytes];
        BinaryPrimitives.WriteInt32LittleEndian(header, length);
        header[4] = (byte)FrameType.Message;
        var buffer = new ReadOnlySequence<byte>(header);
        var e = Assert.Throws<FrameFormatException>(() => FrameCodec.TryReadFrame(ref buffer, 1024, out _, out _));
        Assert.Equal(FrameError.FrameTooLarge, e.Error);
    }

    [Fact]
    public void TryReadFrame_UnknownFrameType_IsRefused()
    {
        byte[] header = [10, 0, 0, 0, 99];
        var buffer = new ReadOnlySequence<byte>(header);
        var e = Assert.Throws<FrameFormatException>(() => FrameCodec.TryReadFrame(ref buffer, 1024, out _, out _));
        Assert.Equal(FrameError.UnknownFrameType, e.Error);
    }

    [Fact]
    public void Handshake_UnknownVersion_IsRefused()
    {
        var writer = new ArrayBufferWriter<byte>();
        new Handshake(Handshake.CurrentProtocolVersion + 1, "silo-a").Encode(writer);
        var e = Assert.Throws<FrameFormatException>(() => Handshake.Decode(writer.WrittenSpan));
        Assert.Equal(FrameError.UnsupportedVersion, e.Error);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 0, 0 }, FrameError.InvalidField)]
    [InlineData(new byte[] { 1, 0, 2, 0, 0xC3, 0x28 }, FrameError.InvalidField)]
    [InlineData(new byte[] { 1, 0, 1, 1, 0x41 }, FrameError.InvalidField)]
    [InlineData(new byte[] { 1, 0, 3, 0, 0x41 }, FrameError.Truncated)]
    [InlineData(new byte[] { 1, 0, 1, 0, 0x41, 0x42 }, FrameError.TrailingBytes)]
    [InlineData(new byte[] { 1 }, FrameError.Truncated)]
    public void Handshake_MalformedPayload_IsRefused(byte[] payload, FrameError expected)
    {
        var e = Assert.Throws<FrameFormatException>(() => Handshake.Decode(payload));
        Assert.Equal(expected, e.Error);
    }
}

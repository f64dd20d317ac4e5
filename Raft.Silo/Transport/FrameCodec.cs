using System.Buffers;
using System.Buffers.Binary;
using Raft.Core.Messages;

namespace Raft.Silo.Transport;

/// <summary>
/// Length-prefixed frames: a 4-byte little-endian length counting the type byte and payload, the
/// <see cref="FrameType"/> byte, then the payload. The length is checked against the maximum before any
/// of the body is buffered, so a peer cannot make us hold more than one maximum frame.
/// </summary>
public static class FrameCodec
{
    public const int LengthPrefixBytes = 4;

    /// <summary>Length prefix plus type byte.</summary>
    public const int HeaderBytes = LengthPrefixBytes + 1;

    public const int DefaultMaxFrameBytes = 16 * 1024 * 1024;

    /// <summary>Bytes the length prefix will announce for this message (type byte plus encoded message).</summary>
    public static int GetMessageFrameLength(Message message) => 1 + MessageCodec.GetEncodedLength(message);

    public static void WriteMessage(Message message, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var payloadLength = MessageCodec.GetEncodedLength(message);
        var span = writer.GetSpan(HeaderBytes + payloadLength);
        BinaryPrimitives.WriteInt32LittleEndian(span, 1 + payloadLength);
        span[LengthPrefixBytes] = (byte)FrameType.Message;
        MessageCodec.Encode(message, span.Slice(HeaderBytes, payloadLength));
        writer.Advance(HeaderBytes + payloadLength);
    }

    public static void WriteHandshake(Handshake handshake, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(handshake);
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(HeaderBytes);
        BinaryPrimitives.WriteInt32LittleEndian(span, 1 + handshake.EncodedLength);
        span[LengthPrefixBytes] = (byte)FrameType.Handshake;
        writer.Advance(HeaderBytes);
        handshake.Encode(writer);
    }

    /// <summary>
    /// Takes one whole frame off the front of <paramref name="buffer"/> if it is all there.
    /// Returns false, leaving the buffer alone, when more bytes are needed.
    /// </summary>
    /// <exception cref="FrameFormatException">The announced length is zero or above the maximum, or the type is unknown.</exception>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameBytes, out FrameType type, out ReadOnlySequence<byte> payload)
    {
        type = default;
        payload = default;
        if (buffer.Length < HeaderBytes) return false;
        Span<byte> header = stackalloc byte[HeaderBytes];
        buffer.Slice(0, HeaderBytes).CopyTo(header);
        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        // A negative int here is a length above 2 GiB; both are refused by the same bound.
        if (length <= 0 || length > maxFrameBytes)
        {
            throw new FrameFormatException(FrameError.FrameTooLarge, $"frame length {(uint)length}, allowed 1 to {maxFrameBytes}.");
        }
        type = (FrameType)header[LengthPrefixBytes];
        if (type is not (FrameType.Handshake or FrameType.Message))
        {
            throw new FrameFormatException(FrameError.UnknownFrameType, $"frame type {(byte)type}.");
        }
        if (buffer.Length < LengthPrefixBytes + (long)length) return false;
        payload = buffer.Slice(HeaderBytes, length - 1);
        buffer = buffer.Slice(LengthPrefixBytes + (long)length);
        return true;
    }
}

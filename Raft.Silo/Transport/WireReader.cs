using System.Buffers.Binary;

namespace Raft.Silo.Transport;

/// <summary>
/// Reads little-endian fields from a span and turns every overrun into a <see cref="FrameFormatException"/>,
/// so decoders never index past the frame.
/// </summary>
internal ref struct WireReader(ReadOnlySpan<byte> buffer)
{
    private ReadOnlySpan<byte> _remaining = buffer;

    public readonly int Remaining => _remaining.Length;

    public byte ReadByte(string field)
    {
        Require(1, field);
        var value = _remaining[0];
        _remaining = _remaining[1..];
        return value;
    }

    public ushort ReadUInt16(string field)
    {
        Require(2, field);
        var value = BinaryPrimitives.ReadUInt16LittleEndian(_remaining);
        _remaining = _remaining[2..];
        return value;
    }

    public int ReadInt32(string field)
    {
        Require(4, field);
        var value = BinaryPrimitives.ReadInt32LittleEndian(_remaining);
        _remaining = _remaining[4..];
        return value;
    }

    public long ReadInt64(string field)
    {
        Require(8, field);
        var value = BinaryPrimitives.ReadInt64LittleEndian(_remaining);
        _remaining = _remaining[8..];
        return value;
    }

    /// <summary>Reads a length field and checks it against what is left, before anything is allocated for it.</summary>
    public int ReadLength(string field)
    {
        var length = ReadInt32(field);
        if (length < 0) throw new FrameFormatException(FrameError.NegativeLength, $"{field} is {length}.");
        if (length > _remaining.Length)
        {
            throw new FrameFormatException(FrameError.LengthBeyondFrame, $"{field} is {length} but {_remaining.Length} bytes remain.");
        }
        return length;
    }

    public ReadOnlySpan<byte> ReadBytes(int length, string field)
    {
        Require(length, field);
        var value = _remaining[..length];
        _remaining = _remaining[length..];
        return value;
    }

    public readonly void EnsureEnd(string what)
    {
        if (_remaining.Length != 0)
        {
            throw new FrameFormatException(FrameError.TrailingBytes, $"{_remaining.Length} bytes after the end of the {what}.");
        }
    }

    private readonly void Require(int bytes, string field)
    {
        if (_remaining.Length < bytes)
        {
            throw new FrameFormatException(FrameError.Truncated, $"{field} needs {bytes} bytes but {_remaining.Length} remain.");
        }
    }
}

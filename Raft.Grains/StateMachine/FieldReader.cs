using System.Buffers.Binary;
using System.Text;

namespace Raft.Grains.StateMachine;

/// <summary>
/// Reads the little-endian fields of commands, results and snapshots from a span. Every overrun, bad length or
/// bad text becomes a <see cref="MalformedDataException"/> naming the field, so decoders never index past the
/// buffer and never allocate for a length the buffer cannot hold.
/// </summary>
internal ref struct FieldReader(ReadOnlySpan<byte> buffer)
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

    /// <summary>A presence byte (0 or 1) and, when present, an int64.</summary>
    public long? ReadOptionalInt64(string field) => ReadByte(field) switch
    {
        0 => null,
        1 => ReadInt64(field),
        var flag => throw new MalformedDataException($"{field} has presence flag {flag}"),
    };

    /// <summary>A presence byte (0 or 1) and, when present, a length-prefixed UTF-8 string.</summary>
    public string? ReadOptionalString(string field) => ReadByte(field) switch
    {
        0 => null,
        1 => ReadString(field),
        var flag => throw new MalformedDataException($"{field} has presence flag {flag}"),
    };

    /// <summary>A count or length, checked against the bytes left, assuming each item takes at least <paramref name="minItemBytes"/>.</summary>
    public int ReadCount(string field, int minItemBytes = 1)
    {
        var count = ReadInt32(field);
        if (count < 0) throw new MalformedDataException($"{field} is negative ({count})");
        if ((long)count * minItemBytes > _remaining.Length)
        {
            throw new MalformedDataException($"{field} is {count} but only {_remaining.Length} bytes remain");
        }
        return count;
    }

    public ReadOnlySpan<byte> ReadBytes(string field)
    {
        var length = ReadCount(field);
        var value = _remaining[..length];
        _remaining = _remaining[length..];
        return value;
    }

    /// <summary>A length-prefixed UTF-8 string; invalid UTF-8 is refused, never replaced.</summary>
    public string ReadString(string field)
    {
        var bytes = ReadBytes(field);
        try
        {
            return StrictUtf8.Encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new MalformedDataException($"{field} is not valid UTF-8");
        }
    }

    public readonly void EnsureEnd(string what)
    {
        if (_remaining.Length != 0) throw new MalformedDataException($"{_remaining.Length} bytes after the end of the {what}");
    }

    private readonly void Require(int bytes, string field)
    {
        if (_remaining.Length < bytes)
        {
            throw new MalformedDataException($"{field} needs {bytes} bytes but {_remaining.Length} remain");
        }
    }
}

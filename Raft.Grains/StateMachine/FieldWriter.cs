using System.Buffers.Binary;

namespace Raft.Grains.StateMachine;

/// <summary>
/// Writes little-endian fields into a span sized beforehand with <see cref="FieldSize"/>; the mirror of
/// <see cref="FieldReader"/>.
/// </summary>
internal ref struct FieldWriter(Span<byte> destination)
{
    private readonly Span<byte> _destination = destination;
    private int _position;

    public readonly int Position => _position;

    public void WriteByte(byte value) => _destination[_position++] = value;

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_destination[_position..], value);
        _position += 4;
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_destination[_position..], value);
        _position += 8;
    }

    public void WriteOptionalInt64(long? value)
    {
        WriteByte(value.HasValue ? (byte)1 : (byte)0);
        if (value.HasValue) WriteInt64(value.Value);
    }

    public void WriteOptionalString(string? value)
    {
        WriteByte(value is null ? (byte)0 : (byte)1);
        if (value is not null) WriteString(value);
    }

    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteInt32(value.Length);
        value.CopyTo(_destination[_position..]);
        _position += value.Length;
    }

    public void WriteString(string value)
    {
        var length = StrictUtf8.Encoding.GetBytes(value, _destination[(_position + 4)..]);
        WriteInt32(length);
        _position += length;
    }
}

using Raft.Core.Checksums;
using System.Buffers;
using System.Buffers.Binary;

namespace Raft.Grains.StateMachine;

/// <summary>
/// Writes snapshot fields straight into an <see cref="IBufferWriter{T}"/> (no whole-snapshot copy), counting
/// the bytes and folding them into a running CRC-32C so <see cref="SnapshotEnvelope"/>'s trailer costs no
/// second pass. Field layout matches <see cref="FieldReader"/>.
/// </summary>
internal sealed class SnapshotWriter(IBufferWriter<byte> destination)
{
    private readonly IBufferWriter<byte> _destination = destination;
    private uint _checksum = Crc32C.Initial;

    /// <summary>Bytes written so far.</summary>
    public long Length { get; private set; }

    public uint Checksum => Crc32C.Finish(_checksum);

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return;
        bytes.CopyTo(_destination.GetSpan(bytes.Length));
        _destination.Advance(bytes.Length);
        _checksum = Crc32C.Append(_checksum, bytes);
        Length += bytes.Length;
    }

    public void WriteByte(byte value) => WriteRaw([value]);

    public void WriteInt32(int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        WriteRaw(bytes);
    }

    public void WriteInt64(long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        WriteRaw(bytes);
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
        WriteRaw(value);
    }

    public void WriteString(string value)
    {
        var length = StrictUtf8.Encoding.GetByteCount(value);
        WriteInt32(length);
        if (length == 0) return;
        var span = _destination.GetSpan(length)[..length];
        StrictUtf8.Encoding.GetBytes(value, span);
        _checksum = Crc32C.Append(_checksum, span);
        _destination.Advance(length);
        Length += length;
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Raft.Benchmarks.DotNext;

/// <summary>
/// One key and its value in bytes: [key length, int32 LE][key, UTF-8][value length, int32 LE][value]. A put's
/// Raft log entry is one record; a snapshot is the records of every key, one after the other.
/// </summary>
internal static class KvRecord
{
    private const int LengthBytes = sizeof(int);

    public static void Write(IBufferWriter<byte> writer, string key, ReadOnlySpan<byte> value)
    {
        var keyBytes = Encoding.UTF8.GetByteCount(key);
        var span = writer.GetSpan(LengthBytes + keyBytes + LengthBytes + value.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span, keyBytes);
        Encoding.UTF8.GetBytes(key, span[LengthBytes..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[(LengthBytes + keyBytes)..], value.Length);
        value.CopyTo(span[(LengthBytes + keyBytes + LengthBytes)..]);
        writer.Advance(LengthBytes + keyBytes + LengthBytes + value.Length);
    }

    public static byte[] Encode(string key, ReadOnlySpan<byte> value)
    {
        var buffer = new ArrayBufferWriter<byte>(LengthBytes + Encoding.UTF8.GetByteCount(key) + LengthBytes + value.Length);
        Write(buffer, key, value);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The next record of <paramref name="reader"/>; a truncated one is a broken log or snapshot, and throws.</summary>
    public static (string Key, byte[] Value) Read(ref SequenceReader<byte> reader)
    {
        var key = Encoding.UTF8.GetString(Field(ref reader));
        return (key, Field(ref reader));
    }

    private static byte[] Field(ref SequenceReader<byte> reader)
    {
        if (!reader.TryReadLittleEndian(out int length) || length < 0 || reader.Remaining < length) throw new InvalidDataException("truncated key-value record");
        var bytes = new byte[length];
        reader.TryCopyTo(bytes);
        reader.Advance(length);
        return bytes;
    }
}

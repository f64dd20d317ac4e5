using Raft.Core.Checksums;
using System.Buffers.Binary;

namespace Raft.Grains.StateMachine;

/// <summary>
/// The frame around a snapshot's sections:
/// <code>
/// magic "RSM1" | version:u8 | sections… | length:i64 (bytes before it) | crc32c:u32 (of every byte before it)
/// </code>
/// The length catches a truncated or padded snapshot even before the checksum is computed; the checksum
/// catches flipped bits. Both are checked before a single section is decoded.
/// </summary>
internal static class SnapshotEnvelope
{
    /// <summary>2 added session names and result windows; version 1 is refused (no stored snapshot used it).</summary>
    public const byte Version = 2;

    private const int TrailerBytes = 8 + 4;

    private static ReadOnlySpan<byte> Magic => "RSM1"u8;

    public static void WriteHeader(SnapshotWriter writer)
    {
        writer.WriteRaw(Magic);
        writer.WriteByte(Version);
    }

    public static void WriteTrailer(SnapshotWriter writer)
    {
        writer.WriteInt64(writer.Length);
        Span<byte> checksum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(checksum, writer.Checksum);
        writer.WriteRaw(checksum);
    }

    /// <summary>Verifies the frame and returns the sections; throws <see cref="SnapshotCorruptException"/>.</summary>
    public static ReadOnlySpan<byte> Open(ReadOnlySpan<byte> snapshot)
    {
        var headerBytes = Magic.Length + 1;
        if (snapshot.Length < headerBytes + TrailerBytes)
        {
            throw new SnapshotCorruptException($"{snapshot.Length} bytes is shorter than an empty snapshot");
        }
        if (!snapshot.StartsWith(Magic)) throw new SnapshotCorruptException("it does not start with the snapshot magic");
        if (snapshot[Magic.Length] != Version) throw new SnapshotCorruptException($"unsupported snapshot version {snapshot[Magic.Length]}");
        var lengthAt = snapshot.Length - TrailerBytes;
        var recordedLength = BinaryPrimitives.ReadInt64LittleEndian(snapshot[lengthAt..]);
        if (recordedLength != lengthAt)
        {
            throw new SnapshotCorruptException($"it records {recordedLength} bytes before its trailer but has {lengthAt} (truncated or padded)");
        }
        var recordedChecksum = BinaryPrimitives.ReadUInt32LittleEndian(snapshot[(lengthAt + 8)..]);
        var actualChecksum = Crc32C.Compute(snapshot[..(lengthAt + 8)]);
        if (recordedChecksum != actualChecksum)
        {
            throw new SnapshotCorruptException($"checksum {actualChecksum:x8} does not match the recorded {recordedChecksum:x8}");
        }
        return snapshot[headerBytes..lengthAt];
    }
}

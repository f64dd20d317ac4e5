using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Raft.Core.Members;
using Raft.Core.Snapshots;
using Raft.Grains.StateMachine;

namespace Raft.Grains.Persistence;

/// <summary>
/// A snapshot as the grain stores it: the storage row keeps index and term in columns, and this blob the
/// rest of <see cref="SnapshotMetadata"/> beside the state machine's bytes, so that a restart rebuilds the
/// membership in effect at the snapshot (dissertation §5.1: the latest configuration, not the bootstrap
/// one, once the entries that carried it are compacted away).
/// Layout: version byte (1), membership length (u32 LE), <see cref="MembershipCodec"/> bytes, state machine bytes.
/// </summary>
public static class SnapshotBlob
{
    public const byte Version = 1;

    private const int HeaderBytes = 1 + sizeof(uint);

    /// <summary>
    /// The blob for <paramref name="snapshot"/>. When its data already sits behind exactly this header at the
    /// end of one array (as <see cref="StateMachineApplier.CaptureSnapshot"/> writes it), that array is the
    /// blob; otherwise header and data are copied into a new one.
    /// </summary>
    public static byte[] Encode(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var header = HeaderFor(snapshot.Metadata.Membership);
        if (MemoryMarshal.TryGetArray(snapshot.Data, out var data) && data.Array is { } array
            && data.Offset == header.Length && data.Offset + data.Count == array.Length && array.AsSpan(0, header.Length).SequenceEqual(header))
        {
            return array;
        }
        var blob = new byte[header.Length + snapshot.Data.Length];
        header.CopyTo(blob, 0);
        snapshot.Data.Span.CopyTo(blob.AsSpan(header.Length));
        return blob;
    }

    /// <summary>What comes before the state machine's bytes in the blob of a snapshot with <paramref name="membership"/>.</summary>
    public static byte[] HeaderFor(Membership membership)
    {
        var encoded = MembershipCodec.Encode(membership);
        var header = new byte[HeaderBytes + encoded.Length];
        header[0] = Version;
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(1), (uint)encoded.Length);
        encoded.CopyTo(header.AsSpan(HeaderBytes));
        return header;
    }

    /// <summary>The snapshot a stored row holds; its data is a slice of the row's bytes, not a copy.</summary>
    /// <exception cref="SnapshotCorruptException">the blob is not one this codec wrote.</exception>
    public static Snapshot Decode(StoredSnapshot stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var blob = stored.Data;
        if (blob.Length < HeaderBytes) throw Corrupt(stored, $"{blob.Length} bytes is shorter than the {HeaderBytes}-byte header");
        if (blob.Span[0] != Version) throw Corrupt(stored, $"unknown version {blob.Span[0]}");
        var length = BinaryPrimitives.ReadUInt32LittleEndian(blob.Span[1..]);
        if (length > (uint)(blob.Length - HeaderBytes)) throw Corrupt(stored, $"membership length {length} runs past the {blob.Length}-byte blob");
        var membership = MembershipCodec.TryDecode(blob.Span.Slice(HeaderBytes, (int)length))
            ?? throw Corrupt(stored, "the membership does not decode");
        var metadata = new SnapshotMetadata(stored.LastIndex, stored.LastTerm, membership);
        return new Snapshot(metadata, blob[(HeaderBytes + (int)length)..]);
    }

    private static SnapshotCorruptException Corrupt(StoredSnapshot stored, string problem) =>
        new($"stored snapshot {stored.LastTerm}/{stored.LastIndex}: {problem}");
}

using System.Buffers.Binary;
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

    public static byte[] Encode(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var membership = MembershipCodec.Encode(snapshot.Metadata.Membership);
        var blob = new byte[HeaderBytes + membership.Length + snapshot.Data.Length];
        blob[0] = Version;
        BinaryPrimitives.WriteUInt32LittleEndian(blob.AsSpan(1), (uint)membership.Length);
        membership.CopyTo(blob.AsSpan(HeaderBytes));
        snapshot.Data.Span.CopyTo(blob.AsSpan(HeaderBytes + membership.Length));
        return blob;
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

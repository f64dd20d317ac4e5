using Raft.Core.Checksums;

namespace Raft.Core.Snapshots;

/// <summary>
/// One piece of an InstallSnapshot (Raft §7, Figure 13): the bytes at <see cref="Offset"/> of a snapshot of
/// <see cref="TotalBytes"/>, with their CRC-32C so that a corrupt chunk is refused. Every chunk repeats the
/// metadata, so a follower that missed the first one learns what it is being sent.
/// </summary>
public sealed record SnapshotChunk(SnapshotMetadata Metadata, long Offset, long TotalBytes, ReadOnlyMemory<byte> Data, uint Checksum)
{
    public bool IsLast => Offset + Data.Length == TotalBytes;

    public bool ChecksumMatches => Crc32C.Compute(Data.Span) == Checksum;

    public static SnapshotChunk Of(Snapshot snapshot, long offset, int maxBytes)
    {
        var length = (int)Math.Min(maxBytes, snapshot.Data.Length - offset);
        var data = snapshot.Data.Slice((int)offset, length);
        return new SnapshotChunk(snapshot.Metadata, offset, snapshot.Data.Length, data, Crc32C.Compute(data.Span));
    }

    public override string ToString() => $"{Metadata.Term}/{Metadata.Index} @{Offset}+{Data.Length}/{TotalBytes}";
}

using System.Buffers;

namespace Raft.Core.Snapshots;

public enum ChunkOutcome : byte
{
    /// <summary>The chunk was the next one expected; more are to come.</summary>
    Accepted = 0,
    /// <summary>The chunk completed the snapshot.</summary>
    Completed,
    /// <summary>Corrupt, or not the offset expected: refused, and nothing changed.</summary>
    Refused,
}

/// <summary>
/// A follower's InstallSnapshot in progress: chunks are taken strictly in order, each verified against its
/// checksum. The bytes live only here until the last chunk arrives, so a crash mid-install leaves the
/// peer's stored state as it was; only a complete snapshot is handed on to be persisted.
/// </summary>
internal sealed class SnapshotReceiver(long maxBytes)
{
    private SnapshotMetadata? _metadata;
    private long _total;
    private ArrayBufferWriter<byte>? _buffer;

    /// <summary>Bytes of the snapshot in progress received so far: the offset expected next.</summary>
    public long Received => _buffer?.WrittenCount ?? 0;

    public (ChunkOutcome Outcome, long NextOffset, Snapshot? Completed) Offer(SnapshotChunk chunk)
    {
        var same = _metadata is not null && _metadata.Equals(chunk.Metadata) && _total == chunk.TotalBytes;
        var expected = same ? Received : 0;
        if (!chunk.ChecksumMatches || chunk.TotalBytes > maxBytes || chunk.Offset != expected) return (ChunkOutcome.Refused, expected, null);
        if (!same)
        {
            _metadata = chunk.Metadata;
            _total = chunk.TotalBytes;
            // Grows with what arrives, never with what a first chunk claims is coming.
            _buffer = new ArrayBufferWriter<byte>((int)Math.Min(chunk.TotalBytes, Math.Max(chunk.Data.Length, 1)));
        }
        _buffer!.Write(chunk.Data.Span);
        if (Received < _total) return (ChunkOutcome.Accepted, Received, null);
        var snapshot = new Snapshot(_metadata!, _buffer!.WrittenMemory.ToArray());
        Reset();
        return (ChunkOutcome.Completed, snapshot.Data.Length, snapshot);
    }

    public void Reset()
    {
        _metadata = null;
        _total = 0;
        _buffer = null;
    }
}

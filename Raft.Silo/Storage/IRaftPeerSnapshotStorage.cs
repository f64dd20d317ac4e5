using Raft.Core.Driver;
using Raft.Grains.Persistence;

namespace Raft.Silo.Storage;

/// <summary>
/// A peer's storage with snapshots (Raft §7): a snapshot is stored whole with the last entry it covers, and
/// the log prefix it covers can then be dropped. <see cref="IRaftPeerStorage.LoadAsync"/> reports the stored
/// snapshot's index and term as the compaction point and returns only the entries after it.
/// </summary>
public interface IRaftPeerSnapshotStorage : IFencedLogStorage
{
    /// <summary>
    /// Stores a snapshot covering the log through (<paramref name="index"/>, <paramref name="term"/>),
    /// replacing the previous one. In the same transaction, when the stored log has no entry with that index
    /// and term, the whole log is discarded, because it conflicts with the snapshot (Raft §7, InstallSnapshot
    /// receiver rules 6 and 7); otherwise the entries are kept until <see cref="CompactAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">index or term is not positive.</exception>
    /// <exception cref="InvalidOperationException">a newer snapshot is already stored.</exception>
    ValueTask SaveSnapshotAsync(long index, long term, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>The stored snapshot, verified against its checksum, or null when there is none.</summary>
    /// <exception cref="StorageCorruptionException">the snapshot row fails its checksum.</exception>
    ValueTask<StoredSnapshot?> LoadSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the log entries at or below <paramref name="throughIndex"/>; the stored snapshot must cover them.</summary>
    /// <exception cref="InvalidOperationException">no stored snapshot covers <paramref name="throughIndex"/>.</exception>
    ValueTask CompactAsync(long throughIndex, CancellationToken cancellationToken);
}

using Raft.Core.Driver;

namespace Raft.Grains.Persistence;

/// <summary>
/// A peer's log rows (<see cref="IRaftPeerStorage"/>) and its latest snapshot, which only the newest
/// activation may write. The activation claims the log with the epoch it wrote to its hard state; from then
/// on every write (entries, snapshot, compaction) checks, in its own transaction, that no newer epoch has
/// claimed the log since.
/// </summary>
/// <remarks>
/// Snapshots (Raft §7): a snapshot is stored whole with the last entry it covers, and the log prefix it covers
/// can then be dropped. <see cref="IRaftPeerStorage.LoadAsync"/> reports the stored snapshot's index and term
/// as the compaction point and returns only the entries after it; the snapshot's bytes come from
/// <see cref="LoadSnapshotAsync"/>.
/// </remarks>
public interface IFencedLogStorage : IRaftPeerStorage
{
    /// <summary>
    /// Claims the log for <paramref name="epoch"/>. Throws Orleans' <c>InconsistentStateException</c> when
    /// a newer epoch already holds it; afterwards, a write made after a newer claim throws it too.
    /// </summary>
    ValueTask ClaimAsync(long epoch, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a snapshot covering the log through (<paramref name="index"/>, <paramref name="term"/>),
    /// replacing the previous one, synced. In the same transaction, when the stored log has no entry with that
    /// index and term, the whole log is discarded, because it conflicts with the snapshot (Raft §7,
    /// InstallSnapshot receiver rules 6 and 7); otherwise the entries are kept until <see cref="CompactAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">index or term is not positive.</exception>
    /// <exception cref="InvalidOperationException">a newer snapshot is already stored.</exception>
    ValueTask SaveSnapshotAsync(long index, long term, ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>The stored snapshot, verified against its checksum (a mismatch throws the storage's corruption error), or null when there is none.</summary>
    ValueTask<StoredSnapshot?> LoadSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>Deletes the log entries at or below <paramref name="throughIndex"/>, synced; the stored snapshot must cover them.</summary>
    /// <exception cref="InvalidOperationException">no stored snapshot covers <paramref name="throughIndex"/>.</exception>
    ValueTask CompactAsync(long throughIndex, CancellationToken cancellationToken);
}

using Raft.Grains.Persistence;

namespace Raft.Silo.Storage;

/// <summary>
/// The durable store of one silo: one database (a SQLite file, or a PostgreSQL schema) shared by every peer
/// the silo hosts. Open it once at silo start, hand each hosted peer its own <see cref="ForPeer"/> view, and
/// dispose it at shutdown.
/// </summary>
public interface IStorageProvider : IAsyncDisposable
{
    /// <summary>Where the data lives, for messages: the SQLite file path or the PostgreSQL schema.</summary>
    string Location { get; }

    /// <summary>Connects and applies the schema scripts that are missing, in order. Call once before <see cref="ForPeer"/>.</summary>
    ValueTask OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The storage of one peer, keyed by its Raft group and peer id. Asking twice for the same peer returns the
    /// same instance. A peer's storage is used by one turn at a time (the peer's grain); different peers may
    /// use theirs concurrently.
    /// </summary>
    IFencedLogStorage ForPeer(string group, int peerId);
}

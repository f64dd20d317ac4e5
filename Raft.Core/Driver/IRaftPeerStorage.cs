using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Core.Driver;

/// <summary>
/// Durable storage of one peer: a small hard-state record and the log as rows (hashicorp/raft's
/// StableStore and LogStore in one seam). Implementations: SQLite and PostgreSQL in the silo, in memory
/// in the simulator.
/// </summary>
public interface IRaftPeerStorage
{
    /// <summary>What the peer restarts from. Fails loudly on a corrupt or torn record.</summary>
    ValueTask<PersistedState> LoadAsync(CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: store the hard state when given, delete stored entries at or after the first
    /// given entry's index, append the given entries. When <paramref name="sync"/> is set, returns only once
    /// the write is on stable storage.
    /// </summary>
    ValueTask SaveAsync(HardState? hardState, IReadOnlyList<Entry> entries, bool sync, CancellationToken cancellationToken);
}

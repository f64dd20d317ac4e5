using Raft.Core.Node;
using Raft.Core.Snapshots;

namespace Raft.Core.Driver;

/// <summary>
/// Makes one Ready's snapshot, hard state and entries durable (<see cref="Ready"/> step 1), and stores the
/// peer's own snapshots. The grain writes the log rows, then the hard state; the simulator completes the
/// write after a virtual disk latency.
/// </summary>
public interface IReadyPersister
{
    /// <summary>Completes once the Ready's state is on stable storage; throws when it could not be written.</summary>
    Task PersistAsync(Ready ready);

    /// <summary>Stores the compaction's snapshot, then deletes the log rows through its DropThrough; throws when it could not.</summary>
    Task PersistCompactionAsync(Compaction compaction);
}

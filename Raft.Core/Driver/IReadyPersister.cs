using Raft.Core.Node;

namespace Raft.Core.Driver;

/// <summary>
/// Makes one Ready's hard state and entries durable (<see cref="Ready"/> step 1). The grain writes the log
/// rows, then the hard state; the simulator completes the write after a virtual disk latency.
/// </summary>
public interface IReadyPersister
{
    /// <summary>Completes once the Ready's state is on stable storage; throws when it could not be written.</summary>
    Task PersistAsync(Ready ready);
}

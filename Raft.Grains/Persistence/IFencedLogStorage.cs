using Raft.Core.Driver;

namespace Raft.Grains.Persistence;

/// <summary>
/// A peer's log rows (<see cref="IRaftPeerStorage"/>) that only the newest activation may write. The
/// activation claims the log with the epoch it wrote to its hard state; from then on every write checks,
/// in its own transaction, that no newer epoch has claimed the log since.
/// </summary>
public interface IFencedLogStorage : IRaftPeerStorage
{
    /// <summary>
    /// Claims the log for <paramref name="epoch"/>. Throws Orleans' <c>InconsistentStateException</c> when
    /// a newer epoch already holds it; afterwards, a save made after a newer claim throws it too.
    /// </summary>
    ValueTask ClaimAsync(long epoch, CancellationToken cancellationToken);
}

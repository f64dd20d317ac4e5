namespace Raft.Grains.Persistence;

/// <summary>
/// Where a peer's hard state lives: Orleans grain storage in the grain (<see cref="PersistentHardStateStore"/>),
/// a plain object in tests. Writes are conditional on what was last read or written (an ETag): a write
/// after someone else's throws Orleans' <c>InconsistentStateException</c> and changes nothing.
/// </summary>
public interface IHardStateStore
{
    /// <summary>The state as last read or written; change it, then <see cref="WriteAsync"/>.</summary>
    PeerHardState State { get; }

    Task WriteAsync();
}

namespace Raft.Simulator.Cluster;

/// <summary>Where a peer's in-flight Ready write stands; a crash loses whatever is not yet written.</summary>
public enum DiskWritePhase
{
    /// <summary>No write in flight.</summary>
    Idle,

    /// <summary>The log rows are being written (and the hard state after them, when it changed in term or vote).</summary>
    WritingEntries,

    /// <summary>The log rows are durable, the hard state not yet: a crash now loses only the hard state.</summary>
    BetweenStores,

    /// <summary>Only the hard state is being written.</summary>
    WritingHardState,

    /// <summary>The peer's own snapshot is being stored and the log compacted after it.</summary>
    WritingSnapshot,
}

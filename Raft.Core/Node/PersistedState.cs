using Raft.Core.Messages;
using Raft.Core.Snapshots;

namespace Raft.Core.Node;

/// <summary>
/// What a peer restarts from: its hard state, its latest snapshot and the entries after the compaction point
/// (<see cref="CompactedIndex"/>/<see cref="CompactedTerm"/> describe the last entry the snapshot covers).
/// </summary>
public sealed record PersistedState(HardState HardState, IReadOnlyList<Entry> Entries, long CompactedIndex = 0, long CompactedTerm = 0)
{
    /// <summary>The stored snapshot, which must end at the compaction point; null when the log was never compacted.</summary>
    public Snapshot? Snapshot { get; init; }

    public static PersistedState Empty { get; } = new(default, []);
}

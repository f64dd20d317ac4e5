using Raft.Core.Messages;

namespace Raft.Core.Node;

/// <summary>
/// What a peer restarts from: its hard state and the entries after its compaction point
/// (<see cref="CompactedIndex"/>/<see cref="CompactedTerm"/> describe the last entry a snapshot covers).
/// </summary>
public sealed record PersistedState(HardState HardState, IReadOnlyList<Entry> Entries, long CompactedIndex = 0, long CompactedTerm = 0)
{
    public static PersistedState Empty { get; } = new(default, []);
}

using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Simulator.Cluster;

/// <summary>
/// The synced contents of one peer's stable storage. A write becomes part of it only when its sync
/// completes; a crash before then loses the write whole, as a database transaction would be lost.
/// </summary>
public sealed class SimDisk
{
    private readonly List<Entry> _entries = [];

    public HardState HardState { get; private set; }

    public long LastIndex => _entries.Count == 0 ? 0 : _entries[^1].Index;

    public int Writes { get; private set; }

    /// <summary>Applies a synced write with the storage contract: replace entries at or after the first given index.</summary>
    public void Commit(HardState? hardState, IReadOnlyList<Entry> entries)
    {
        Writes++;
        if (hardState is { } hs) HardState = hs;
        if (entries.Count == 0) return;
        var first = entries[0].Index;
        if (first > LastIndex + 1) throw new InvalidOperationException($"write at {first} leaves a gap after {LastIndex}");
        var keep = (int)(first - 1);
        if (keep < _entries.Count) _entries.RemoveRange(keep, _entries.Count - keep);
        _entries.AddRange(entries);
    }

    public PersistedState Load() => new(HardState, _entries.ToArray());
}

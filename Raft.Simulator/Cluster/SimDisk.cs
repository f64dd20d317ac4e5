using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Simulator.Cluster;

/// <summary>
/// One peer's stable storage as production keeps it: two stores, the log (rows) and the hard state (one
/// row), each written on its own. What a write puts here is durable: it survives a crash. A hard state
/// that changed only in its commit index is not written at once but held as a deferred commit, which a
/// crash loses; the disk then keeps an older commit.
/// </summary>
/// <remarks>
/// Invariant: the durable commit never passes the durable log's last index. A deferred commit is only
/// taken once its Ready's entries are written, and committed entries are never truncated.
/// </remarks>
public sealed class SimDisk
{
    private readonly List<Entry> _entries = [];

    /// <summary>The durable hard state: what a restart reads.</summary>
    public HardState HardState { get; private set; }

    /// <summary>A newer commit index not yet written to the hard-state store, or null.</summary>
    public long? DeferredCommit { get; private set; }

    public long LastIndex => _entries.Count == 0 ? 0 : _entries[^1].Index;

    public long LastTerm => _entries.Count == 0 ? 0 : _entries[^1].Term;

    /// <summary>Writes that reached this disk (a two-store write counts twice).</summary>
    public int Writes { get; private set; }

    /// <summary>The durable entry at <paramref name="index"/>, or null when the log does not hold it.</summary>
    public Entry? EntryAt(long index) => index >= 1 && index <= LastIndex ? _entries[(int)(index - 1)] : null;

    /// <summary>The term of the durable entry at <paramref name="index"/>: 0 before the log, -1 past its end.</summary>
    public long TermAt(long index) => index == 0 ? 0 : EntryAt(index)?.Term ?? -1;

    /// <summary>The log store's write, with the storage contract: replace entries at or after the first given index.</summary>
    public void WriteEntries(IReadOnlyList<Entry> entries)
    {
        Writes++;
        if (entries.Count == 0) return;
        var first = entries[0].Index;
        if (first > LastIndex + 1) throw new InvalidOperationException($"write at {first} leaves a gap after {LastIndex}");
        var keep = (int)(first - 1);
        if (keep < _entries.Count) _entries.RemoveRange(keep, _entries.Count - keep);
        _entries.AddRange(entries);
    }

    /// <summary>The hard-state store's write: the whole row, which also carries any deferred commit.</summary>
    public void WriteHardState(HardState hardState)
    {
        Writes++;
        if (hardState.Commit > LastIndex)
            throw new InvalidOperationException($"hard state commit {hardState.Commit} is past the durable log's last index {LastIndex}");
        HardState = hardState;
        if (DeferredCommit <= hardState.Commit) DeferredCommit = null;
    }

    /// <summary>Holds a commit-only change of the hard state in memory, to be written lazily.</summary>
    public void DeferCommit(long commit)
    {
        if (commit > LastIndex) throw new InvalidOperationException($"deferred commit {commit} is past the durable log's last index {LastIndex}");
        if (commit > (DeferredCommit ?? HardState.Commit)) DeferredCommit = commit;
    }

    /// <summary>The lazy write of a deferred commit: the durable term and vote stay as they are.</summary>
    public void FlushDeferredCommit()
    {
        if (DeferredCommit is not { } commit) return;
        WriteHardState(HardState with { Commit = commit });
    }

    /// <summary>A crash: whatever was not written is gone. Returns whether a deferred commit was lost.</summary>
    public bool LoseUnwritten()
    {
        var lost = DeferredCommit is not null;
        DeferredCommit = null;
        return lost;
    }

    public PersistedState Load() => new(HardState, _entries.ToArray());
}

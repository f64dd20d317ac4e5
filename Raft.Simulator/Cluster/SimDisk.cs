using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Core.Snapshots;

namespace Raft.Simulator.Cluster;

/// <summary>
/// One peer's stable storage as production keeps it: two stores, the log (rows) and the hard state (one
/// row), each written on its own. What a write puts here is durable: it survives a crash. A hard state
/// that changed only in its commit index is not written at once but held as a deferred commit, which a
/// crash loses; the disk then keeps an older commit. Snapshots follow the production storage contract: storing
/// one discards the log unless the log holds the snapshot's last entry, and a compaction deletes a prefix
/// the snapshot covers.
/// </summary>
/// <remarks>
/// Invariant: the durable commit never passes the durable log's last index. A deferred commit is only
/// taken once its Ready's entries are written, and committed entries are never truncated.
/// </remarks>
public sealed class SimDisk
{
    private readonly List<Entry> _entries = [];
    // The index of _entries[0] minus one: what compaction removed.
    private long _offset;

    /// <summary>The durable snapshot, or null.</summary>
    public Snapshot? Snapshot { get; private set; }

    /// <summary>The durable hard state: what a restart reads.</summary>
    public HardState HardState { get; private set; }

    /// <summary>A newer commit index not yet written to the hard-state store, or null.</summary>
    public long? DeferredCommit { get; private set; }

    public long LastIndex => _entries.Count == 0 ? Math.Max(_offset, Snapshot?.Index ?? 0) : Math.Max(_entries[^1].Index, Snapshot?.Index ?? 0);

    public long LastTerm => _entries.Count == 0 || _entries[^1].Index < (Snapshot?.Index ?? 0) ? Snapshot?.Term ?? 0 : _entries[^1].Term;

    /// <summary>Writes that reached this disk (a two-store write counts twice).</summary>
    public int Writes { get; private set; }

    /// <summary>The durable entry at <paramref name="index"/>, or null when the log does not hold it.</summary>
    public Entry? EntryAt(long index) =>
        index > _offset && index <= _offset + _entries.Count ? _entries[(int)(index - _offset - 1)] : null;

    /// <summary>Whether the disk holds the committed entry: in its log, or inside its snapshot.</summary>
    public bool Holds(Entry entry) =>
        entry.Index <= (Snapshot?.Index ?? 0) || (EntryAt(entry.Index) is { } held && Checking.SafetyChecker.SameEntry(held, entry));

    /// <summary>The term of the durable entry at <paramref name="index"/>: 0 before the log, the snapshot's at its index, -1 when unknown.</summary>
    public long TermAt(long index) =>
        index == 0 ? 0 : EntryAt(index)?.Term ?? (index == Snapshot?.Index ? Snapshot.Term : -1);

    /// <summary>The log store's write, with the storage contract: replace entries at or after the first given index.</summary>
    public void WriteEntries(IReadOnlyList<Entry> entries)
    {
        Writes++;
        if (entries.Count == 0) return;
        var first = entries[0].Index;
        if (first > LastIndex + 1) throw new RaftInvariantException($"write at {first} leaves a gap after {LastIndex}");
        if (first <= Math.Max(_offset, Snapshot?.Index ?? 0)) throw new RaftInvariantException($"write at {first} reaches into the prefix the snapshot {Snapshot?.Metadata} covers");
        var keep = (int)(first - _offset - 1);
        if (keep < _entries.Count) _entries.RemoveRange(keep, _entries.Count - keep);
        if (_entries.Count == 0) _offset = first - 1;
        _entries.AddRange(entries);
    }

    /// <summary>Stores a snapshot; the log goes too unless it holds the snapshot's last entry (Raft §7).</summary>
    public void WriteSnapshot(Snapshot snapshot)
    {
        Writes++;
        if (snapshot.Index <= (Snapshot?.Index ?? 0)) throw new RaftInvariantException($"{snapshot.Metadata} is not newer than the stored {Snapshot?.Metadata}");
        if (EntryAt(snapshot.Index)?.Term != snapshot.Term)
        {
            _entries.Clear();
            _offset = snapshot.Index;
        }
        Snapshot = snapshot;
    }

    /// <summary>Deletes the log entries through <paramref name="index"/>, which the stored snapshot covers.</summary>
    public void Compact(long index)
    {
        if (index > (Snapshot?.Index ?? 0)) throw new RaftInvariantException($"compacting to {index} past the stored snapshot {Snapshot?.Metadata}");
        var drop = (int)Math.Clamp(index - _offset, 0, _entries.Count);
        _entries.RemoveRange(0, drop);
        _offset += drop;
    }

    /// <summary>The hard-state store's write: the whole row, which also carries any deferred commit.</summary>
    public void WriteHardState(HardState hardState)
    {
        Writes++;
        if (hardState.Commit > LastIndex)
            throw new RaftInvariantException($"hard state commit {hardState.Commit} is past the durable log's last index {LastIndex}");
        HardState = hardState;
        if (DeferredCommit <= hardState.Commit) DeferredCommit = null;
    }

    /// <summary>Holds a commit-only change of the hard state in memory, to be written lazily.</summary>
    public void DeferCommit(long commit)
    {
        if (commit > LastIndex) throw new RaftInvariantException($"deferred commit {commit} is past the durable log's last index {LastIndex}");
        if (commit > (DeferredCommit ?? HardState.Commit)) DeferredCommit = commit;
    }

    /// <summary>The lazy write of a deferred commit: the durable term and vote stay as they are.</summary>
    public void FlushDeferredCommit()
    {
        if (DeferredCommit is not { } commit) return;
        WriteHardState(HardState with { Commit = commit });
    }

    /// <summary>The disk is replaced by an empty one (an operator wiped the peer's data folder).</summary>
    public void Wipe()
    {
        _entries.Clear();
        _offset = 0;
        Snapshot = null;
        HardState = default;
        DeferredCommit = null;
    }

    /// <summary>A crash: whatever was not written is gone. Returns whether a deferred commit was lost.</summary>
    public bool LoseUnwritten()
    {
        var lost = DeferredCommit is not null;
        DeferredCommit = null;
        return lost;
    }

    /// <summary>What a restart reads: the snapshot, and the entries after it (production's LoadAsync contract).</summary>
    public PersistedState Load()
    {
        var from = Snapshot?.Index ?? 0;
        return new PersistedState(HardState, _entries.Where(e => e.Index > from).ToArray(), from, Snapshot?.Term ?? 0) { Snapshot = Snapshot };
    }
}

using Raft.Core.Members;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Core.Snapshots;

namespace Raft.Core.Log;

/// <summary>
/// The in-memory image of a peer's log: every entry after the compaction point, persisted or not.
/// Invariants: entries are contiguous from <see cref="FirstIndex"/>; Applied &lt;= Committed &lt;= LastIndex;
/// Stabled &lt;= LastIndex; entries at or below Committed are never removed, only compacted into a snapshot.
/// </summary>
internal sealed class RaftLog
{
    private readonly List<Entry> _entries = [];
    private long _compactedIndex;
    private long _compactedTerm;

    /// <summary>Highest index known committed (Raft Figure 2 commitIndex).</summary>
    public long Committed { get; private set; }

    /// <summary>Highest index handed to the state machine (Raft Figure 2 lastApplied).</summary>
    public long Applied { get; private set; }

    /// <summary>Highest index known on stable storage; entries after it go out in the next Ready.</summary>
    public long Stabled { get; private set; }

    /// <summary>The memberships in this log; the latest is the one in effect.</summary>
    public MembershipHistory Memberships { get; }

    public RaftLog(long compactedIndex, long compactedTerm, Membership membershipAtCompaction, IReadOnlyList<Entry> persisted, long committed, long applied)
    {
        _compactedIndex = compactedIndex;
        _compactedTerm = compactedTerm;
        Memberships = new MembershipHistory(membershipAtCompaction);
        var expected = compactedIndex + 1;
        foreach (var entry in persisted)
        {
            if (entry.Index != expected)
                throw new RaftInvariantException($"persisted log is not contiguous: expected index {expected}, found {entry.Index}");
            _entries.Add(entry);
            Memberships.Appended(entry);
            expected++;
        }
        Stabled = LastIndex;
        if (committed > LastIndex)
            throw new RaftInvariantException($"persisted commit {committed} is past the last persisted index {LastIndex}");
        Committed = Math.Max(committed, compactedIndex);
        Applied = Math.Clamp(applied, compactedIndex, Committed);
    }

    public long FirstIndex => _compactedIndex + 1;

    public long LastIndex => _compactedIndex + _entries.Count;

    public long LastTerm => _entries.Count == 0 ? _compactedTerm : _entries[^1].Term;

    /// <summary>The last index dropped into a snapshot (0 before any).</summary>
    public long CompactedIndex => _compactedIndex;

    /// <summary>Entries the log holds in memory.</summary>
    public int Count => _entries.Count;

    /// <summary>The term of the entry at index; the compaction point's term is kept, the rest of the prefix is <see cref="TermLookupStatus.Compacted"/>.</summary>
    public TermLookup Term(long index)
    {
        if (index == _compactedIndex) return new TermLookup(TermLookupStatus.Found, _compactedTerm);
        if (index < _compactedIndex) return TermLookup.Compacted;
        if (index > LastIndex) return TermLookup.PastEnd;
        return new TermLookup(TermLookupStatus.Found, _entries[(int)(index - _compactedIndex - 1)].Term);
    }

    public bool MatchTerm(long index, long term) => Term(index).Is(term);

    public Entry At(long index) => _entries[(int)(index - _compactedIndex - 1)];

    /// <summary>Raft §5.4.1: a candidate's log is at least as up to date as ours.</summary>
    public bool IsUpToDate(long lastIndex, long lastTerm) =>
        lastTerm > LastTerm || (lastTerm == LastTerm && lastIndex >= LastIndex);

    /// <summary>
    /// The index of the first entry in <paramref name="entries"/> that is new or differs in term from ours,
    /// or 0 when we hold them all.
    /// </summary>
    public long FindConflict(IReadOnlyList<Entry> entries)
    {
        foreach (var entry in entries)
        {
            if (!MatchTerm(entry.Index, entry.Term)) return entry.Index;
        }
        return 0;
    }

    /// <summary>
    /// The largest index at or below <paramref name="index"/> whose term is at most <paramref name="term"/>,
    /// with that term. Lets a leader skip a whole divergent term per round trip (Raft §5.3).
    /// </summary>
    public (long Index, long Term) FindConflictByTerm(long index, long term)
    {
        var i = Math.Min(index, LastIndex);
        while (i > _compactedIndex)
        {
            var t = Term(i).Term;
            if (t <= term) return (i, t);
            i--;
        }
        // At or below the compaction point everything is committed, so it matches any leader's log.
        return (_compactedIndex, _compactedTerm);
    }

    /// <summary>
    /// Appends after a matching (index, logTerm), truncating a conflicting suffix. Returns the index of the
    /// last entry the message covers, or null when (index, logTerm) does not match.
    /// </summary>
    public long? TryAppendAfter(long index, long logTerm, IReadOnlyList<Entry> entries)
    {
        if (!MatchTerm(index, logTerm)) return null;
        var lastNew = index + entries.Count;
        var conflict = FindConflict(entries);
        // The caller guarantees index >= Committed, so a conflict (> index) never reaches a committed entry.
        if (conflict != 0) AppendFrom(entries, (int)(conflict - index - 1));
        return lastNew;
    }

    /// <summary>Leader-side append of its own new entries (never truncates).</summary>
    public void AppendOwn(Entry entry)
    {
        if (entry.Index != LastIndex + 1)
            throw new RaftInvariantException($"leader appends index {entry.Index} after last {LastIndex}");
        _entries.Add(entry);
        Memberships.Appended(entry);
    }

    private void AppendFrom(IReadOnlyList<Entry> entries, int start)
    {
        var first = entries[start].Index;
        if (first - 1 < Committed)
            throw new RaftInvariantException($"truncating at {first} would remove committed entries up to {Committed}");
        var keep = (int)(first - _compactedIndex - 1);
        if (keep < _entries.Count)
        {
            _entries.RemoveRange(keep, _entries.Count - keep);
            Memberships.TruncatedFrom(first);
        }
        if (Stabled >= first) Stabled = first - 1;
        for (var i = start; i < entries.Count; i++)
        {
            _entries.Add(entries[i]);
            Memberships.Appended(entries[i]);
        }
    }

    /// <summary>Drops the entries through <paramref name="index"/>, which a stored snapshot covers and the state machine applied.</summary>
    public void CompactTo(long index)
    {
        if (index <= _compactedIndex) return;
        if (index > Applied || index > Stabled)
            throw new RaftInvariantException($"compacting to {index} past applied {Applied} or stable {Stabled}");
        _compactedTerm = Term(index).Term;
        _entries.RemoveRange(0, (int)(index - _compactedIndex));
        _compactedIndex = index;
        Memberships.CompactedTo(index);
    }

    /// <summary>
    /// Replaces the log with a snapshot from the leader (Raft §7, Figure 13 receiver rules 6 and 7): the entries
    /// after it are kept when the log holds the snapshot's last entry, otherwise the whole log goes. The
    /// caller checked that the snapshot is past our commit index; the host restores the state machine from it.
    /// </summary>
    public void Restore(SnapshotMetadata snapshot)
    {
        if (snapshot.Index <= Committed)
            throw new RaftInvariantException($"restoring {snapshot} at or below commit {Committed}");
        if (MatchTerm(snapshot.Index, snapshot.Term))
        {
            _entries.RemoveRange(0, (int)(snapshot.Index - _compactedIndex));
        }
        else
        {
            _entries.Clear();
        }
        _compactedIndex = snapshot.Index;
        _compactedTerm = snapshot.Term;
        Memberships.Reset(snapshot.Membership);
        foreach (var entry in _entries) Memberships.Appended(entry);
        Committed = snapshot.Index;
        Applied = snapshot.Index;
        Stabled = _entries.Count == 0 ? snapshot.Index : Math.Max(Stabled, snapshot.Index);
    }

    public void CommitTo(long index)
    {
        if (index <= Committed) return;
        if (index > LastIndex)
            throw new RaftInvariantException($"commit {index} is past the last index {LastIndex}");
        Committed = index;
    }

    public void AppliedTo(long index)
    {
        if (index <= Applied) return;
        if (index > Committed)
            throw new RaftInvariantException($"applied {index} is past commit {Committed}");
        Applied = index;
    }

    /// <summary>
    /// Marks the written entries persisted, as far as the log still holds them: a leader's Append that
    /// arrived during the write may have replaced a suffix, but the prefix before it is on disk all the same
    /// (and may hold committed entries already applied, which must count as stable before they are compacted).
    /// </summary>
    public void StableTo(IReadOnlyList<Entry> written)
    {
        // Log Matching: if the log still holds written entry i, it holds every written entry before it.
        for (var i = written.Count - 1; i >= 0 && written[i].Index > Stabled; i--)
        {
            if (!MatchTerm(written[i].Index, written[i].Term)) continue;
            Stabled = written[i].Index;
            return;
        }
    }

    /// <summary>Entries in [from, toInclusive], at most maxBytes (but always at least one) and maxCount.</summary>
    public IReadOnlyList<Entry> Slice(long from, long toInclusive, long maxBytes, int maxCount)
    {
        if (from > toInclusive) return [];
        if (from <= _compactedIndex)
            throw new RaftInvariantException($"slice from {from} reaches into the compacted prefix ending {_compactedIndex}");
        var count = (int)Math.Min(toInclusive - from + 1, maxCount);
        var start = (int)(from - _compactedIndex - 1);
        long bytes = 0;
        var taken = 0;
        while (taken < count)
        {
            bytes += _entries[start + taken].Size;
            if (taken > 0 && bytes > maxBytes) break;
            taken++;
        }
        return _entries.GetRange(start, taken);
    }

    public IReadOnlyList<Entry> UnstableEntries() =>
        Stabled >= LastIndex ? [] : _entries.GetRange((int)(Stabled - _compactedIndex), (int)(LastIndex - Stabled));

    public bool HasUnstable => Stabled < LastIndex;

    public bool HasNextCommitted => Applied < Committed;

    public IReadOnlyList<Entry> NextCommittedEntries() =>
        Applied >= Committed ? [] : _entries.GetRange((int)(Applied - _compactedIndex), (int)(Committed - Applied));
}

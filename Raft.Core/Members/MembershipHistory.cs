using Raft.Core.Messages;

namespace Raft.Core.Members;

/// <summary>
/// The memberships a log holds: the one in effect at its compaction point and each configuration entry
/// after it. A peer uses the latest, committed or not (dissertation §4.1: a configuration takes effect when
/// it is appended), so truncating the entry that carried it reverts to the one before.
/// </summary>
internal sealed class MembershipHistory(Membership atCompaction)
{
    private readonly List<(long Index, Membership Membership)> _changes = [];
    private Membership _base = atCompaction;

    public Membership Current => _changes.Count > 0 ? _changes[^1].Membership : _base;

    /// <summary>Index of the latest configuration entry in the log, or 0 when the log holds none.</summary>
    public long LatestChangeIndex => _changes.Count > 0 ? _changes[^1].Index : 0;

    public void Appended(Entry entry)
    {
        if (entry.Type != EntryType.Configuration) return;
        var membership = MembershipCodec.TryDecode(entry.Data.Span)
            ?? throw new Node.RaftInvariantException($"configuration entry {entry} does not decode (the validator lets no such entry in)");
        _changes.Add((entry.Index, membership));
    }

    /// <summary>Entries at <paramref name="index"/> and after were removed from the log.</summary>
    public void TruncatedFrom(long index) => _changes.RemoveAll(c => c.Index >= index);

    /// <summary>Entries through <paramref name="index"/> were dropped into a snapshot.</summary>
    public void CompactedTo(long index)
    {
        while (_changes.Count > 0 && _changes[0].Index <= index)
        {
            _base = _changes[0].Membership;
            _changes.RemoveAt(0);
        }
    }

    /// <summary>The whole log was replaced by a snapshot with this membership.</summary>
    public void Reset(Membership atCompaction)
    {
        _changes.Clear();
        _base = atCompaction;
    }

    /// <summary>The membership in effect at <paramref name="index"/> (which must not be below the compaction point).</summary>
    public Membership At(long index)
    {
        for (var i = _changes.Count - 1; i >= 0; i--)
        {
            if (_changes[i].Index <= index) return _changes[i].Membership;
        }
        return _base;
    }
}

using Raft.Core.Messages;

namespace Raft.Silo.Storage;

/// <summary>
/// Checks what a caller asks to store before it touches the database, so bad input fails with a typed
/// error naming the problem instead of becoming a record the loader later rejects as corrupt.
/// </summary>
internal static class SaveArguments
{
    public static void Validate(HardState? hardState, IReadOnlyList<Entry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (hardState is { } hs && (hs.Term < 0 || hs.VotedFor < 0 || hs.Commit < 0))
            throw new ArgumentException($"hard state has a negative field: {hs}", nameof(hardState));
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Index <= 0 || entry.Term <= 0)
                throw new ArgumentException($"entry {i} has a non-positive index or term: {entry}", nameof(entries));
            if (!Enum.IsDefined(entry.Type))
                throw new ArgumentException($"entry {entry.Index} has unknown type {(byte)entry.Type}", nameof(entries));
            if (i == 0) continue;
            var previous = entries[i - 1];
            if (entry.Index != previous.Index + 1)
                throw new ArgumentException($"entries are not contiguous: index {entry.Index} follows {previous.Index}", nameof(entries));
            // Terms never decrease along a log (Raft §5.3); a batch that says otherwise is a caller bug.
            if (entry.Term < previous.Term)
                throw new ArgumentException($"entry {entry.Index} has term {entry.Term}, below the previous entry's {previous.Term}", nameof(entries));
        }
    }

    /// <summary>Rejects a batch that would leave a hole after the stored log (or the snapshot).</summary>
    public static void ValidateContinues(PeerKey key, long lastIndex, IReadOnlyList<Entry> entries)
    {
        if (entries.Count > 0 && entries[0].Index > lastIndex + 1)
            throw new ArgumentException(
                $"peer {key}: the batch starts at index {entries[0].Index} but the stored log ends at {lastIndex}; that would leave a gap",
                nameof(entries));
    }

    public static void ValidateSnapshot(long index, long term)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(term);
    }
}

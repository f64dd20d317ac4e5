namespace Raft.Core.Log;

public enum TermLookupStatus : byte
{
    /// <summary>The log holds the entry (or it is the last one a snapshot covers, whose term is kept).</summary>
    Found = 0,
    /// <summary>The entry was dropped into a snapshot; only the snapshot knows it now.</summary>
    Compacted,
    /// <summary>The index is past the end of the log.</summary>
    PastEnd,
}

/// <summary>The term of the entry at an index, or why the log cannot say.</summary>
public readonly record struct TermLookup(TermLookupStatus Status, long Term)
{
    public static TermLookup Compacted => new(TermLookupStatus.Compacted, 0);

    public static TermLookup PastEnd => new(TermLookupStatus.PastEnd, 0);

    public bool IsFound => Status == TermLookupStatus.Found;

    /// <summary>Whether the log holds an entry of exactly <paramref name="term"/> there.</summary>
    public bool Is(long term) => Status == TermLookupStatus.Found && Term == term;

    public override string ToString() => IsFound ? $"term {Term}" : Status.ToString();
}

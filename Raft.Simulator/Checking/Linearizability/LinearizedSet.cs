namespace Raft.Simulator.Checking.Linearizability;

/// <summary>
/// The set of operations linearized so far, as a bitset with a Zobrist hash kept up to date on every set
/// and clear, so that probing the memo costs no pass over the words. Operations are numbered in call
/// order, and the search linearizes roughly in that order, so the set is all ones up to a low word and
/// all zeros past a high one: only the words between (the window of overlapping operations) tell two sets
/// apart, and only they are copied into the memo. Copying the whole set made each step cost O(n).
/// </summary>
internal sealed class LinearizedSet(int count)
{
    private readonly ulong[] _words = new ulong[(count + 63) / 64];
    // Every word below _full is all ones; no word above _high is nonzero.
    private int _full;
    private int _high = -1;

    public ulong Hash { get; private set; }

    public void Set(int id)
    {
        var word = id >> 6;
        _words[word] |= 1UL << (id & 63);
        Hash ^= Mix(id);
        if (word > _high) _high = word;
        while (_full < _words.Length && _words[_full] == ulong.MaxValue) _full++;
    }

    public void Clear(int id)
    {
        var word = id >> 6;
        _words[word] &= ~(1UL << (id & 63));
        Hash ^= Mix(id);
        if (word < _full) _full = word;
        while (_high >= 0 && _words[_high] == 0) _high--;
    }

    /// <summary>The words that distinguish this set: from the first word not all ones to the last nonzero one.</summary>
    public (int Offset, ReadOnlyMemory<ulong> Window) Window =>
        (_full, _words.AsMemory(_full, Math.Max(0, _high - _full + 1)));

    /// <summary>SplitMix64's finalizer: a well-spread 64-bit value per operation id.</summary>
    private static ulong Mix(int id)
    {
        var z = ((ulong)id + 1) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

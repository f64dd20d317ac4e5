namespace Raft.Simulator.Checking.Linearizability;

/// <summary>
/// The set of operations linearized so far, as a bitset with a Zobrist hash kept up to date on every set
/// and clear, so that probing the memo costs no pass over the words.
/// </summary>
internal sealed class LinearizedSet(int count)
{
    public ulong[] Words { get; } = new ulong[(count + 63) / 64];

    public ulong Hash { get; private set; }

    public void Set(int id)
    {
        Words[id >> 6] |= 1UL << (id & 63);
        Hash ^= Mix(id);
    }

    public void Clear(int id)
    {
        Words[id >> 6] &= ~(1UL << (id & 63));
        Hash ^= Mix(id);
    }

    /// <summary>SplitMix64's finalizer: a well-spread 64-bit value per operation id.</summary>
    private static ulong Mix(int id)
    {
        var z = ((ulong)id + 1) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

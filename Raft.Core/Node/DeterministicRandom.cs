namespace Raft.Core.Node;

/// <summary>
/// SplitMix64: a tiny generator whose sequence is fixed by its seed on every runtime, so a simulation
/// seed replays exactly. Not for anything secret.
/// </summary>
public sealed class DeterministicRandom(ulong seed)
{
    private ulong _state = seed;

    public ulong NextUInt64() => Mix(_state += 0x9E3779B97F4A7C15UL);

    /// <summary>
    /// SplitMix64's finalizer: spreads every input bit over the output. Seeds derived from one another (a
    /// host seed and a peer id) must go through it, or two generators can run the same sequence one step
    /// apart (SplitMix64 advances its state by a constant) and keep drawing the same election timeouts.
    /// </summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A number in [0, bound).</summary>
    public int Next(int bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound), bound, "must be positive");
        return (int)(NextUInt64() % (ulong)bound);
    }

    /// <summary>A number in [min, max).</summary>
    public int Next(int min, int max) => min + Next(max - min);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => probability > 0 && NextDouble() < probability;
}

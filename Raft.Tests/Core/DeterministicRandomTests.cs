using Raft.Core.Node;

namespace Raft.Tests.Core;

/// <summary>Proves the core's only randomness is fixed by its seed: the same seed gives the same sequence.</summary>
public sealed class DeterministicRandomTests
{
    [Fact]
    public void SameSeed_SameSequence_OtherSeed_OtherSequence()
    {
        var a = new DeterministicRandom(42);
        var b = new DeterministicRandom(42);
        var c = new DeterministicRandom(43);
        var first = Enumerable.Range(0, 16).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 16).Select(_ => b.NextUInt64()));
        Assert.NotEqual(first, Enumerable.Range(0, 16).Select(_ => c.NextUInt64()));
    }

    [Fact]
    public void Next_StaysWithinBound()
    {
        var random = new DeterministicRandom(7);
        for (var i = 0; i < 10_000; i++) Assert.InRange(random.Next(3, 9), 3, 8);
    }
}

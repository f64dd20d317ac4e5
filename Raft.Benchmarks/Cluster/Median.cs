namespace Raft.Benchmarks.Cluster;

/// <summary>The median the benchmarks report: of an odd count the middle value, of an even count the upper middle (a value that was measured, not an average of two).</summary>
internal static class Median
{
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("no values", nameof(values));
        return sorted[sorted.Length / 2];
    }
}

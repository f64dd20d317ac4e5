namespace Raft.Benchmarks.HttpLoad;

/// <summary>
/// A load's figures over its runs: the median of each of throughput, p50 and p99 taken separately (each a
/// measured value; one slow run moves none of them), and every run's failures added up.
/// </summary>
internal sealed record LoadResult(double OpsPerSecond, double P50Milliseconds, double P99Milliseconds, long Failed, IReadOnlyDictionary<string, long> Errors)
{
    public static LoadResult Of(IReadOnlyList<LoadRun> runs)
    {
        ArgumentOutOfRangeException.ThrowIfZero(runs.Count);
        var errors = runs.SelectMany(r => r.Errors).GroupBy(e => e.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
        return new LoadResult(
            Cluster.Median.Of(runs.Select(r => r.OpsPerSecond)),
            Cluster.Median.Of(runs.Select(r => r.P50Milliseconds)),
            Cluster.Median.Of(runs.Select(r => r.P99Milliseconds)),
            errors.Values.Sum(),
            errors);
    }
}

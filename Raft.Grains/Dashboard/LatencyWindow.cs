namespace Raft.Grains.Dashboard;

/// <summary>
/// The latest <see cref="Capacity"/> latencies with when they ended, summarised over a recent window. The
/// metrics' histogram holds the same measurements for Prometheus; this keeps them where a dashboard, which
/// asks the peer itself, can read percentiles without a metrics backend.
/// </summary>
public sealed class LatencyWindow
{
    public const int Capacity = 512;

    private readonly (long AtMs, double Ms)[] _ring = new (long, double)[Capacity];
    private long _count;

    public void Record(long atMs, double latencyMs)
    {
        _ring[(int)(_count % Capacity)] = (atMs, latencyMs);
        _count++;
    }

    /// <summary>The latencies that ended within <paramref name="windowMs"/> before <paramref name="nowMs"/>.</summary>
    public LatencySummary Summarize(long nowMs, long windowMs)
    {
        var held = (int)Math.Min(_count, Capacity);
        var recent = new List<double>(held);
        for (var i = 0; i < held; i++)
        {
            var (at, ms) = _ring[i];
            if (nowMs - at <= windowMs) recent.Add(ms);
        }
        if (recent.Count == 0) return default;
        recent.Sort();
        return new LatencySummary(recent.Count, Percentile(recent, 0.50), Percentile(recent, 0.99), recent[^1]);
    }

    // Nearest rank: the smallest value with at least p of the values at or below it.
    private static double Percentile(List<double> sorted, double p) => sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

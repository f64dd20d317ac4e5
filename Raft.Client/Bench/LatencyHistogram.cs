namespace Raft.Client.Bench;

/// <summary>
/// A log-linear histogram of latencies in whole microseconds, in the manner of HdrHistogram: values below
/// 64 µs have a bucket each; above, every power of two is split into 32 buckets, so a percentile is
/// reported within 1/32 (about 3 %) of the true value, in fixed memory however many samples are recorded.
/// Count, min and max are exact. Not thread-safe: give each worker its own and <see cref="Add"/> them.
/// </summary>
internal sealed class LatencyHistogram
{
    private const int SubBucketBits = 5;
    private const int SubBucketCount = 1 << SubBucketBits;          // 32 buckets per power of two
    private const int ExactLimit = SubBucketCount * 2;               // values below 64 are exact
    private const int MaxShift = 62 - SubBucketBits;                 // long.MaxValue has its top bit at 62
    private const int BucketCount = ExactLimit + (MaxShift * SubBucketCount);

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    /// <summary>The smallest recorded value in µs; 0 when empty.</summary>
    public long MinMicroseconds { get; private set; }

    /// <summary>The largest recorded value in µs; 0 when empty.</summary>
    public long MaxMicroseconds { get; private set; }

    public void Record(TimeSpan latency) => RecordMicroseconds(latency.Ticks / TimeSpan.TicksPerMicrosecond);

    public void RecordMicroseconds(long microseconds)
    {
        var value = Math.Max(0, microseconds);
        _counts[BucketOf(value)]++;
        MinMicroseconds = Count == 0 ? value : Math.Min(MinMicroseconds, value);
        MaxMicroseconds = Count == 0 ? value : Math.Max(MaxMicroseconds, value);
        Count++;
    }

    /// <summary>Adds every sample of <paramref name="other"/> to this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        if (other.Count == 0) return;
        for (var i = 0; i < BucketCount; i++) _counts[i] += other._counts[i];
        MinMicroseconds = Count == 0 ? other.MinMicroseconds : Math.Min(MinMicroseconds, other.MinMicroseconds);
        MaxMicroseconds = Count == 0 ? other.MaxMicroseconds : Math.Max(MaxMicroseconds, other.MaxMicroseconds);
        Count += other.Count;
    }

    /// <summary>
    /// The value at or below which <paramref name="percentile"/> % of the samples fall (nearest rank):
    /// the upper edge of the bucket holding that rank, never above the exact maximum. 0 when empty.
    /// </summary>
    public long PercentileMicroseconds(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (Count == 0) return 0;
        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * Count));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return Math.Clamp(UpperEdgeOf(i), MinMicroseconds, MaxMicroseconds);
        }
        return MaxMicroseconds;
    }

    private static int BucketOf(long value)
    {
        if (value < ExactLimit) return (int)value;
        var topBit = 63 - (int)long.LeadingZeroCount(value);             // >= 6 here
        var shift = topBit - SubBucketBits;                          // >= 1
        var sub = (int)(value >> shift);                             // in [32, 63]
        return ExactLimit + ((shift - 1) * SubBucketCount) + (sub - SubBucketCount);
    }

    private static long UpperEdgeOf(int bucket)
    {
        if (bucket < ExactLimit) return bucket;
        var shift = ((bucket - ExactLimit) / SubBucketCount) + 1;
        var sub = ((bucket - ExactLimit) % SubBucketCount) + SubBucketCount;
        var upper = ((long)(sub + 1) << shift) - 1;
        return upper < 0 ? long.MaxValue : upper;                    // the last bucket's edge overflows
    }
}

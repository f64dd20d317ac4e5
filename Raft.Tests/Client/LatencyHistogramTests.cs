using Raft.Client.Bench;

namespace Raft.Tests.Client;

// Proves the bench's latency histogram: exact below 64 µs, within its 1/32 bucket precision above,
// exact count/min/max, nearest-rank percentiles that never exceed the maximum, merging equal to recording
// everything in one, and zeros when empty.
public sealed class LatencyHistogramTests
{
    [Fact]
    public void Empty_ReportsZeros()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.Count);
        Assert.Equal(0, histogram.PercentileMicroseconds(50));
        Assert.Equal(0, histogram.MaxMicroseconds);
    }

    [Fact]
    public void SmallValues_PercentilesAreExact()
    {
        var histogram = new LatencyHistogram();
        for (var us = 1; us <= 50; us++) histogram.RecordMicroseconds(us);

        Assert.Equal(25, histogram.PercentileMicroseconds(50));
        Assert.Equal(50, histogram.PercentileMicroseconds(99));
        Assert.Equal(1, histogram.PercentileMicroseconds(0));
        Assert.Equal(1, histogram.MinMicroseconds);
        Assert.Equal(50, histogram.MaxMicroseconds);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(1_234)]
    [InlineData(987_654)]
    [InlineData(3_600_000_000)]
    public void LargeValue_PercentileWithinOneBucket(long microseconds)
    {
        var histogram = new LatencyHistogram();
        histogram.RecordMicroseconds(microseconds);
        histogram.RecordMicroseconds(microseconds * 4);

        var p50 = histogram.PercentileMicroseconds(50);

        Assert.InRange(p50, microseconds, microseconds + (microseconds / 32));
    }

    [Fact]
    public void UniformMilliseconds_P50AndP99NearTrueValues()
    {
        var histogram = new LatencyHistogram();
        for (var ms = 1; ms <= 1000; ms++) histogram.Record(TimeSpan.FromMilliseconds(ms));

        Assert.Equal(1000, histogram.Count);
        Assert.InRange(histogram.PercentileMicroseconds(50), 500_000, 500_000 * 33 / 32);
        Assert.InRange(histogram.PercentileMicroseconds(99), 990_000, 990_000 * 33 / 32);
        Assert.Equal(1_000_000, histogram.PercentileMicroseconds(100));
        Assert.Equal(1_000_000, histogram.MaxMicroseconds);
    }

    [Fact]
    public void Percentile_NeverAboveMax()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordMicroseconds(1_000_001);

        Assert.Equal(1_000_001, histogram.PercentileMicroseconds(99));
    }

    [Fact]
    public void Add_EqualsRecordingEverythingInOne()
    {
        var all = new LatencyHistogram();
        var left = new LatencyHistogram();
        var right = new LatencyHistogram();
        for (var i = 0; i < 500; i++)
        {
            var us = (i * 7919L) % 100_000;
            all.RecordMicroseconds(us);
            (i % 2 == 0 ? left : right).RecordMicroseconds(us);
        }

        var merged = new LatencyHistogram();
        merged.Add(left);
        merged.Add(right);

        Assert.Equal(all.Count, merged.Count);
        Assert.Equal(all.MinMicroseconds, merged.MinMicroseconds);
        Assert.Equal(all.MaxMicroseconds, merged.MaxMicroseconds);
        foreach (var p in (double[])[1, 50, 90, 99, 99.9])
        {
            Assert.Equal(all.PercentileMicroseconds(p), merged.PercentileMicroseconds(p));
        }
    }

    [Fact]
    public void NegativeDuration_CountsAsZero()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(TimeSpan.FromTicks(-5));

        Assert.Equal(0, histogram.MaxMicroseconds);
        Assert.Equal(1, histogram.Count);
    }
}

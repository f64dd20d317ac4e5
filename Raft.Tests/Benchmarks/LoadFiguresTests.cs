using Raft.Benchmarks.Cluster;
using Raft.Benchmarks.HttpLoad;
using Raft.Benchmarks.VsEtcd;

namespace Raft.Tests.Benchmarks;

// Proves the load's fixed shapes and the arithmetic behind the table: keys of exactly 16 bytes and a value of
// 256, puts never repeating a key, gets cycling a fixed set; a median that is a measured value (the upper
// middle of an even count); a load's figures as separate medians of its runs with failures summed; and
// VmRSS read from /proc/PID/status text.
public sealed class LoadFiguresTests
{
    [Fact]
    public void Keys_AreSixteenBytes_ValueTwoHundredFiftySix()
    {
        Assert.Equal("put-000000000042", LoadKeys.Put(42));
        Assert.Equal(16, LoadKeys.Put(999_999_999_999).Length);
        Assert.Equal(LoadKeys.Read(3), LoadKeys.Read(3 + LoadKeys.ReadKeyCount));
        Assert.Equal(256, LoadKeys.Value.Length);
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadKeys.Put(1_000_000_000_000));
    }

    [Fact]
    public void Median_OfEvenCount_IsTheUpperMiddle()
    {
        Assert.Equal(2, Median.Of([3, 1, 2]));
        Assert.Equal(3, Median.Of([4, 1, 3, 2]));
    }

    [Fact]
    public void LoadResult_TakesEachFiguresMedian_AndSumsFailures()
    {
        var runs = new[]
        {
            new LoadRun(1_000, 1.0, P50Milliseconds: 5, P99Milliseconds: 40, new Dictionary<string, long> { ["HTTP 503"] = 2 }),
            new LoadRun(3_000, 1.0, P50Milliseconds: 1, P99Milliseconds: 9, new Dictionary<string, long>()),
            new LoadRun(2_000, 1.0, P50Milliseconds: 2, P99Milliseconds: 50, new Dictionary<string, long> { ["HTTP 503"] = 1, ["timeout"] = 4 }),
        };

        var result = LoadResult.Of(runs);

        Assert.Equal((2_000, 2, 40, 7), (result.OpsPerSecond, result.P50Milliseconds, result.P99Milliseconds, result.Failed));
        Assert.Equal(3, result.Errors["HTTP 503"]);
    }

    [Fact]
    public void ProcessRss_ReadsVmRssInKiB()
    {
        const string status = "Name:\tetcd\nVmPeak:\t  900000 kB\nVmRSS:\t   41234 kB\nRssAnon:\t 30000 kB\n";

        Assert.Equal(41_234, ProcessRss.ParseKiB(status));
        Assert.Null(ProcessRss.ParseKiB("Name:\tzombie\nState:\tZ (zombie)\n"));
    }
}

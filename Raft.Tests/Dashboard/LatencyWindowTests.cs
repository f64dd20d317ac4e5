using Raft.Grains.Dashboard;

namespace Raft.Tests.Dashboard;

public sealed class LatencyWindowTests
{
    [Fact]
    public void Summarize_TakesNearestRankPercentilesOfTheWindow()
    {
        var window = new LatencyWindow();
        for (var i = 1; i <= 100; i++) window.Record(1000, i);
        var summary = window.Summarize(nowMs: 1000, windowMs: 5000);
        Assert.Equal(new LatencySummary(100, 50, 99, 100), summary);
    }

    [Fact]
    public void Summarize_LeavesOutLatenciesOlderThanTheWindow()
    {
        var window = new LatencyWindow();
        window.Record(0, 500);
        window.Record(9000, 2);
        Assert.Equal(new LatencySummary(1, 2, 2, 2), window.Summarize(nowMs: 10_000, windowMs: 5000));
        Assert.Equal(default, window.Summarize(nowMs: 20_000, windowMs: 5000));
    }

    [Fact]
    public void Record_OverwritesTheOldestPastCapacity()
    {
        var window = new LatencyWindow();
        window.Record(0, 1000);
        for (var i = 0; i < LatencyWindow.Capacity; i++) window.Record(0, 1);
        var summary = window.Summarize(0, 1);
        Assert.Equal(LatencyWindow.Capacity, summary.Count);
        Assert.Equal(1, summary.MaxMs);
    }
}

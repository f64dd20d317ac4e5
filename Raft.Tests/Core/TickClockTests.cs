using Raft.Core.Timing;

namespace Raft.Tests.Core;

/// <summary>A host timer's firings become ticks by real time: late firings catch up, early ones still count, stalls are cut short.</summary>
public sealed class TickClockTests
{
    // Timestamps in milliseconds: a 10 ms tick is 10 units.
    private static TickClock Clock(int maxTicksPerFiring = 10) => new(TimeSpan.FromMilliseconds(10), 1000, start: 0, maxTicksPerFiring);

    [Fact]
    public void OnTimeFirings_TickOnceEach()
    {
        var clock = Clock();
        Assert.Equal([1, 1, 1], new[] { 10L, 20, 30 }.Select(clock.TicksDue));
    }

    [Fact]
    public void LateFirings_CatchUpWithTheTimeThatPassed()
    {
        var clock = Clock();
        Assert.Equal([1, 3, 1], new[] { 10L, 40, 52 }.Select(clock.TicksDue));
    }

    [Fact]
    public void AFiringALittleEarly_StillCounts_AndAFiringFarAhead_DoesNot()
    {
        var clock = Clock();
        Assert.Equal(1, clock.TicksDue(6));
        Assert.Equal(0, clock.TicksDue(9));
        Assert.Equal(1, clock.TicksDue(19));
    }

    [Fact]
    public void ALongStall_GivesAtMostTheBound_ThenCountsFromThere()
    {
        var clock = Clock(maxTicksPerFiring: 10);
        Assert.Equal(10, clock.TicksDue(5_000));
        Assert.Equal(1, clock.TicksDue(5_010));
    }
}

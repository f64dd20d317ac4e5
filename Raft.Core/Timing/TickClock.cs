namespace Raft.Core.Timing;

/// <summary>
/// How many node ticks a host's timer firing stands for, by the time that really passed. A periodic timer
/// fires late under load (a busy thread pool, a GC pause) and never catches up, so one tick per firing would
/// slow the peer's clock exactly when the cluster is busiest: followers would notice a dead leader later
/// and elections would drag. This clock hands out one tick per interval of real time instead (rounded, so a
/// firing a little early still counts), at most <paramref name="maxTicksPerFiring"/> at once: after a long
/// stall the node should see an election timeout pass, not the whole stall replayed.
/// </summary>
/// <remarks>
/// Only timing changes: the node's ticks stay whole steps and Raft's safety does not depend on them; reads
/// are confirmed by a quorum (ReadIndex), not by a clock lease. Timestamps are a monotonic counter at
/// <paramref name="timestampFrequency"/> per second, as <see cref="TimeProvider.GetTimestamp"/> gives them.
/// </remarks>
public sealed class TickClock
{
    private readonly double _interval;
    private readonly int _maxTicksPerFiring;
    private long _origin;
    private long _ticked;

    public TickClock(TimeSpan interval, long timestampFrequency, long start, int maxTicksPerFiring)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timestampFrequency, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTicksPerFiring, 1);
        _interval = interval.TotalSeconds * timestampFrequency;
        _maxTicksPerFiring = maxTicksPerFiring;
        _origin = start;
    }

    /// <summary>The ticks due at <paramref name="now"/> since the last call: usually 1, 0 for a firing well ahead of time.</summary>
    public int TicksDue(long now)
    {
        var owed = (long)Math.Round((now - _origin) / _interval, MidpointRounding.AwayFromZero) - _ticked;
        if (owed <= 0) return 0;
        if (owed > _maxTicksPerFiring)
        {
            // Forget the rest of a long stall: from now on, count from here.
            _origin = now;
            _ticked = 0;
            return _maxTicksPerFiring;
        }
        _ticked += owed;
        return (int)owed;
    }
}

namespace Raft.Tests.Hosting;

/// <summary>
/// A clock that moves only when a test calls <see cref="Advance"/>; timers due by then fire in due order
/// on the caller's thread. (FakeTimeProvider is not available here.)
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock) return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward, firing every timer that falls due on the way (periodic ones repeatedly).</summary>
    public void Advance(TimeSpan duration)
    {
        DateTimeOffset target;
        lock (_lock) target = _now + duration;
        while (true)
        {
            ManualTimer? next;
            lock (_lock)
            {
                next = _timers.Where(t => t.DueAt <= target).MinBy(t => t.DueAt);
                if (next is null)
                {
                    _now = target;
                    return;
                }
                if (next.DueAt > _now) _now = next.DueAt!.Value;
                next.Rearm(_now);
            }
            next.Fire();
        }
    }

    internal void Schedule(ManualTimer timer, TimeSpan dueTime)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = null;
                return;
            }
            timer.DueAt = _now + dueTime;
            _timers.Add(timer);
        }
    }

    internal void Unschedule(ManualTimer timer)
    {
        lock (_lock) _timers.Remove(timer);
    }

    internal void RemoveIfDisarmed(ManualTimer timer)
    {
        if (timer.DueAt is null) _timers.Remove(timer);
    }
}

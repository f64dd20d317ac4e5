namespace Raft.Tests.Client;

/// <summary>
/// A clock that moves only when the code under test waits on it: arming a timer jumps the clock by the
/// timer's due time and fires it, on the thread pool (never inside <c>CreateTimer</c>, so <c>Task.Delay</c>
/// is set up before it completes). Before each jump it calls <see cref="Stepping"/>, where a test changes
/// the world between two waits, or cancels. So a loop that waits N times sees exactly N × its interval
/// pass, however fast or slow the machine is.
/// </summary>
internal sealed class SteppingClock : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Called with the step's length, on the thread pool, before the clock jumps and the timer fires.</summary>
    public Action<TimeSpan>? Stepping { get; set; }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock) return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SteppingTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Step(TimeSpan dueTime, TimerCallback callback, object? state)
    {
        Stepping?.Invoke(dueTime);
        lock (_lock) _now += dueTime;
        callback(state);
    }

    /// <summary>One-shot: a period is ignored (the watch's Task.Delay arms one-shots only).</summary>
    private sealed class SteppingTimer(SteppingClock clock, TimerCallback callback, object? state) : ITimer
    {
        // Bumped by every Change and Dispose, so a step queued for an earlier arming does nothing.
        private int _arming;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var arming = Interlocked.Increment(ref _arming);
            if (dueTime == Timeout.InfiniteTimeSpan) return true;
            ThreadPool.QueueUserWorkItem(_ =>
            {
                if (Volatile.Read(ref _arming) == arming) clock.Step(dueTime, callback, state);
            });
            return true;
        }

        public void Dispose() => Interlocked.Increment(ref _arming);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

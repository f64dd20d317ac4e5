namespace Raft.Tests.Hosting;

/// <summary>A timer of <see cref="ManualTimeProvider"/>: armed with a due time and a period, fired by Advance.</summary>
internal sealed class ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state) : ITimer
{
    private TimeSpan _period = Timeout.InfiniteTimeSpan;

    /// <summary>When it fires next; null when disarmed. Guarded by the clock's lock.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        _period = period;
        clock.Schedule(this, dueTime);
        return true;
    }

    /// <summary>Called under the clock's lock as it fires: periodic timers move to their next due time, one-shots disarm.</summary>
    public void Rearm(DateTimeOffset now)
    {
        DueAt = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan ? now + _period : null;
        clock.RemoveIfDisarmed(this);
    }

    public void Fire() => callback(state);

    public void Dispose() => clock.Unschedule(this);

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

namespace Raft.Simulator.Cluster;

/// <summary>
/// Virtual time: a queue of actions ordered by (time, insertion order), so ties resolve the same way on
/// every run of a seed. Time is in virtual milliseconds and only moves when an event runs.
/// </summary>
public sealed class EventQueue
{
    private readonly PriorityQueue<Action, (long Time, long Sequence)> _queue = new();
    private long _sequence;

    public long NowMs { get; private set; }

    public int Count => _queue.Count;

    public long EventsRun { get; private set; }

    public void At(long timeMs, Action action)
    {
        if (timeMs < NowMs) throw new InvalidOperationException($"cannot schedule at {timeMs} ms, before now ({NowMs} ms)");
        _queue.Enqueue(action, (timeMs, _sequence++));
    }

    public void After(long delayMs, Action action) => At(NowMs + delayMs, action);

    /// <summary>Runs the next event if it is due at or before <paramref name="untilMs"/>; false when none is.</summary>
    public bool RunNext(long untilMs)
    {
        if (!_queue.TryPeek(out _, out var key) || key.Time > untilMs) return false;
        var action = _queue.Dequeue();
        NowMs = key.Time;
        EventsRun++;
        action();
        return true;
    }

    /// <summary>Moves the clock to <paramref name="timeMs"/> when no event is due before then.</summary>
    public void AdvanceTo(long timeMs)
    {
        if (timeMs > NowMs) NowMs = timeMs;
    }
}

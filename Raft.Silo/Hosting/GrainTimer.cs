namespace Raft.Silo.Hosting;

/// <summary>
/// A per-activation timer (Orleans <c>RegisterGrainTimer</c>): each due time enqueues the callback as a
/// turn, so the callback runs single-threaded with the grain's other turns. At most one tick waits in the
/// mailbox at a time; a tick that finds one already queued is skipped, because a burst of stale ticks
/// would only delay real work (Raft counts ticks, and a late tick is as good as a skipped one).
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly ITimer _timer;
    private int _tickQueued;
    private volatile bool _disposed;

    public GrainTimer(GrainActivation activation, TimeProvider timeProvider, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        _activation = activation;
        _callback = callback;
        _timer = timeProvider.CreateTimer(static state => ((GrainTimer)state!).OnDue(), this, dueTime, period);
    }

    private void OnDue()
    {
        if (_disposed || Interlocked.Exchange(ref _tickQueued, 1) == 1) return;
        _activation.Post("timer", RunTickAsync);
    }

    private Task RunTickAsync(CancellationToken cancellationToken)
    {
        Volatile.Write(ref _tickQueued, 0);
        // Disposed after the tick was queued: the grain asked for no more ticks.
        return _disposed ? Task.CompletedTask : _callback(cancellationToken);
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
        _activation.Forget(this);
    }
}

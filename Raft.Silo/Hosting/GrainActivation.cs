using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Raft.Grains;

namespace Raft.Silo.Hosting;

/// <summary>
/// One activation of one grain: a mailbox and the loop that runs its turns one at a time, in order
/// (Orleans' turn-based, non-reentrant activation). A turn that throws is logged and fails only its own
/// call; the activation keeps running. Timers registered here enqueue turns on the same mailbox.
/// </summary>
public sealed class GrainActivation : Raft.Grains.IGrainRuntime
{
    private readonly Channel<GrainTurn> _mailbox = Channel.CreateUnbounded<GrainTurn>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    // Cancelled only when deactivation runs out of time: turns finish normally on a graceful stop.
    private readonly CancellationTokenSource _abort = new();
    private readonly HashSet<GrainTimer> _timers = [];
    private readonly Lock _timersLock = new();
    private readonly ILogger _logger;
    private readonly Task _loop;
    private Task? _deactivation;
    // Set before the mailbox closes: turns dequeued after it fail with GrainDeactivatedException.
    private volatile bool _stopping;

    public GrainActivation(GrainId id, TimeProvider timeProvider, ILogger logger)
    {
        Id = id;
        TimeProvider = timeProvider;
        _logger = logger;
        _loop = Task.Run(RunTurnsAsync);
    }

    public GrainId Id { get; }

    public TimeProvider TimeProvider { get; }

    // Turns written to the mailbox and not yet taken by the loop (a single-reader channel keeps no count).
    private int _queuedTurns;

    public bool HasQueuedTurns => Volatile.Read(ref _queuedTurns) > 0;

    public bool IsDeactivating => _stopping;

    public Task<T> EnqueueTurnAsync<T>(Func<CancellationToken, Task<T>> turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new GrainTurn(
            "call",
            async ct => completion.TrySetResult(await turn(ct).ConfigureAwait(false)),
            exception => completion.TrySetException(exception)));
        return completion.Task;
    }

    public Task EnqueueTurnAsync(Func<CancellationToken, Task> turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(new GrainTurn(
            "call",
            async ct =>
            {
                await turn(ct).ConfigureAwait(false);
                completion.TrySetResult();
            },
            exception => completion.TrySetException(exception)));
        return completion.Task;
    }

    public void Post(Func<CancellationToken, Task> turn) => Post("one-way", turn);

    internal void Post(string name, Func<CancellationToken, Task> turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        Enqueue(new GrainTurn(name, turn, fail: null));
    }

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        lock (_timersLock)
        {
            if (_stopping) throw GrainDeactivatedException.For(Id);
            var timer = new GrainTimer(this, TimeProvider, callback, dueTime, period);
            _timers.Add(timer);
            return timer;
        }
    }

    internal void Forget(GrainTimer timer)
    {
        lock (_timersLock) _timers.Remove(timer);
    }

    /// <summary>
    /// Graceful deactivation: stop the timers, refuse new calls, let the running turn finish, fail the
    /// queued ones, then run <paramref name="onDeactivate"/> as the last turn. When
    /// <paramref name="cancellationToken"/> fires first, the running turn's token is cancelled and the
    /// activation is abandoned with a warning rather than holding the silo's shutdown.
    /// </summary>
    public Task DeactivateAsync(Func<CancellationToken, Task>? onDeactivate, CancellationToken cancellationToken)
    {
        lock (_timersLock)
        {
            if (_deactivation is not null) return _deactivation;
            _stopping = true;
            // Run outside the lock: disposing timers takes it again.
            _deactivation = Task.Run(() => DeactivateCoreAsync(onDeactivate, cancellationToken), CancellationToken.None);
            return _deactivation;
        }
    }

    private async Task DeactivateCoreAsync(Func<CancellationToken, Task>? onDeactivate, CancellationToken cancellationToken)
    {
        GrainTimer[] timers;
        lock (_timersLock) timers = [.. _timers];
        foreach (var timer in timers) timer.Dispose();
        _mailbox.Writer.TryComplete();
        using var abortOnTimeout = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _abort);
        try
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (onDeactivate is not null) await onDeactivate(_abort.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            GrainActivationLog.DeactivationTimedOut(_logger, Id);
        }
    }

    private void Enqueue(GrainTurn turn)
    {
        Interlocked.Increment(ref _queuedTurns);
        if (_stopping || !_mailbox.Writer.TryWrite(turn))
        {
            Interlocked.Decrement(ref _queuedTurns);
            turn.Fail(GrainDeactivatedException.For(Id));
        }
    }

    private async Task RunTurnsAsync()
    {
        // The reader ends once deactivation completes the writer and the queue is drained.
        await foreach (var turn in _mailbox.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            Interlocked.Decrement(ref _queuedTurns);
            if (_stopping)
            {
                turn.Fail(GrainDeactivatedException.For(Id));
                continue;
            }
            try
            {
                await turn.RunAsync(_abort.Token).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                GrainActivationLog.TurnFailed(_logger, exception, Id, turn.Name, turn.HasCaller);
                turn.Fail(exception);
            }
        }
    }

    public override string ToString() => $"activation {Id}";
}

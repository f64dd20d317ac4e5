using Microsoft.Extensions.Logging.Abstractions;
using Raft.Silo.Hosting;

namespace Raft.Tests.Hosting;

/// <summary>
/// Proves grain timers (Orleans RegisterGrainTimer) enqueue their callback as a turn on the activation's
/// clock: nothing fires before the due time, each period adds one tick, a tick never runs inside another
/// turn, a busy mailbox holds at most one queued tick, and disposal or deactivation stops the ticks.
/// </summary>
public sealed class GrainTimerTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private readonly ManualTimeProvider _clock = new();
    private readonly GrainActivation _activation;
    private int _ticks;

    public GrainTimerTests()
    {
        _activation = new GrainActivation(new Raft.Silo.Hosting.GrainId("ITest", "timer"), _clock, NullLogger<GrainActivation>.Instance);
    }

    private Task CountTick(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _ticks);
        return Task.CompletedTask;
    }

    private int Ticks => Volatile.Read(ref _ticks);

    /// <summary>A turn that runs after every turn queued before it: once it ran, the ticks before it did too.</summary>
    private Task DrainAsync() => _activation.EnqueueTurnAsync(_ => Task.CompletedTask);

    [Fact(Timeout = TestTimeouts.HostMs)]
    public async Task Timer_EnqueuesOneTurnPerPeriod_FromDueTime()
    {
        _activation.RegisterTimer(CountTick, Period, Period);
        _clock.Advance(Period - TimeSpan.FromMilliseconds(1));
        await DrainAsync();
        Assert.Equal(0, Ticks);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await DrainAsync();
        Assert.Equal(1, Ticks);

        _clock.Advance(Period);
        await DrainAsync();
        _clock.Advance(Period);
        await DrainAsync();
        Assert.Equal(3, Ticks);
    }

    [Fact(Timeout = TestTimeouts.HostMs)]
    public async Task Timer_WhileMailboxBusy_QueuesAtMostOneTick_AndRunsItAsATurn()
    {
        var insideOtherTurn = 0;
        var tickSawOtherTurn = false;
        _activation.RegisterTimer(_ =>
        {
            tickSawOtherTurn |= Volatile.Read(ref insideOtherTurn) != 0;
            Interlocked.Increment(ref _ticks);
            return Task.CompletedTask;
        }, Period, Period);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = _activation.EnqueueTurnAsync(async _ =>
        {
            Volatile.Write(ref insideOtherTurn, 1);
            started.SetResult();
            await release.Task;
            Volatile.Write(ref insideOtherTurn, 0);
        });
        await started.Task;

        _clock.Advance(Period * 5);
        Assert.Equal(0, Ticks);
        release.SetResult();
        await busy;
        await DrainAsync();

        Assert.Equal(1, Ticks);
        Assert.False(tickSawOtherTurn, "a tick ran while another turn was running");
    }

    [Fact(Timeout = TestTimeouts.HostMs)]
    public async Task DisposedTimer_AndDeactivatedActivation_StopTicking()
    {
        var timer = _activation.RegisterTimer(CountTick, Period, Period);
        _clock.Advance(Period);
        await DrainAsync();
        Assert.Equal(1, Ticks);

        timer.Dispose();
        _clock.Advance(Period * 3);
        await DrainAsync();
        Assert.Equal(1, Ticks);

        _activation.RegisterTimer(CountTick, Period, Period);
        await _activation.DeactivateAsync(null, TestContext.Current.CancellationToken);
        _clock.Advance(Period * 3);
        await Task.Yield();
        Assert.Equal(1, Ticks);
    }
}

using Microsoft.Extensions.Logging.Abstractions;
using Raft.Silo.Hosting;

namespace Raft.Tests.Hosting;

/// <summary>
/// Proves the activation's mailbox is turn-based like an Orleans grain: concurrent calls never overlap
/// (a counter of running turns never exceeds one), calls from one sender run in order, a throwing turn
/// fails only its own call, and deactivation lets the running turn finish while failing the queued ones.
/// </summary>
public sealed class GrainActivationTests
{
    private static GrainActivation NewActivation() =>
        new(new Raft.Silo.Hosting.GrainId("ITest", "1"), TimeProvider.System, NullLogger<GrainActivation>.Instance);

    [Fact(Timeout = TestTimeouts.HostMs)]
    public async Task ConcurrentCalls_NeverOverlap()
    {
        var activation = NewActivation();
        var running = 0;
        var maxRunning = 0;
        var completed = 0;

        async Task<int> Turn(CancellationToken ct)
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            await Task.Yield();       // give another turn every chance to sneak in
            await Task.Delay(1, ct);
            Interlocked.Decrement(ref running);
            return Interlocked.Increment(ref completed);
        }

        var callers = Enumerable.Range(0, 64).Select(_ => Task.Run(() => activation.EnqueueTurnAsync(Turn))).ToArray();
        var results = await Task.WhenAll(callers);

        Assert.Equal(1, maxRunning);
        Assert.Equal(Enumerable.Range(1, 64), results.Order());
    }

    [Fact(Timeout = TestTimeouts.HostMs)]
    public async Task CallsFromOneSender_RunInOrder()
    {
        var activation = NewActivation();
        var order = new List<int>();
        var calls = Enumerable.Range(0, 200).Select(i => activation.EnqueueTurnAsync(async _ =>
        {
            await Task.Yield();
            order.Add(i);
        })).ToArray();
        await Task.WhenAll(calls);
        Assert.Equal(Enumerable.Range(0, 200), order);
    }

    [Fact(Timeout = TestTimeouts.HostMs)]
    public async Task ThrowingTurn_FailsOnlyItsCall_ActivationKeepsRunning()
    {
        var activation = NewActivation();
        var before = activation.EnqueueTurnAsync(_ => Task.FromResult("before"));
        var failing = activation.EnqueueTurnAsync<string>(async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("boom");
        });
        activation.Post(_ => throw new InvalidOperationException("one-way boom"));
        var after = activation.EnqueueTurnAsync(_ => Task.FromResult("after"));

        Assert.Equal("before", await before);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("boom", error.Message);
        Assert.Equal("after", await after);
        Assert.Equal("still running", await activation.EnqueueTurnAsync(_ => Task.FromResult("still running")));
    }

    [Fact(Timeout = TestTimeouts.HostMs)]
    public async Task Deactivate_RunningTurnFinishes_QueuedAndLaterCallsFail_HookRunsLast()
    {
        var activation = NewActivation();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var events = new List<string>();
        var running = activation.EnqueueTurnAsync(async _ =>
        {
            started.SetResult();
            await release.Task;
            events.Add("running turn finished");
        });
        await started.Task;
        var queued = activation.EnqueueTurnAsync(_ => Task.FromResult("queued"));

        var deactivation = activation.DeactivateAsync(_ =>
        {
            events.Add("deactivate hook");
            return Task.CompletedTask;
        }, TestContext.Current.CancellationToken);
        await Eventually.UntilAsync(() => activation.IsDeactivating, () => "activation never started deactivating");
        var late = activation.EnqueueTurnAsync(_ => Task.FromResult("late"));
        Assert.False(deactivation.IsCompleted, "deactivation must wait for the running turn");

        release.SetResult();
        await deactivation;
        await running;
        await Assert.ThrowsAsync<GrainDeactivatedException>(() => queued);
        await Assert.ThrowsAsync<GrainDeactivatedException>(() => late);
        Assert.Equal(["running turn finished", "deactivate hook"], events);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}

namespace Raft.Simulator.Cluster;

/// <summary>
/// Keeps the production <see cref="Raft.Core.Driver.ReadyPump"/> single-threaded and deterministic under
/// simulation. The pump awaits its persister with ConfigureAwait(true), so where its continuation runs
/// depends on the caller's context: with no SynchronizationContext and the default TaskScheduler, a
/// TaskCompletionSource created without RunContinuationsAsynchronously runs the continuation inline,
/// inside SetResult, on the simulator's thread. A test runner's SynchronizationContext would instead post
/// it elsewhere (and .NET refuses to inline completions on such a thread), so every call into the pump
/// goes through <see cref="Run"/>.
/// </summary>
internal static class InlineContinuations
{
    public static void Run(Action action)
    {
        if (TaskScheduler.Current != TaskScheduler.Default)
            throw new InvalidOperationException("the simulator must run on the default TaskScheduler: the pump's continuations would not run inline");
        var previous = SynchronizationContext.Current;
        if (previous is null)
        {
            action();
            return;
        }
        SynchronizationContext.SetSynchronizationContext(null);
        try
        {
            action();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }
}

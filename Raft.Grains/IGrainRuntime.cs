namespace Raft.Grains;

/// <summary>
/// What a grain needs from the host that activates it (the role of Orleans' grain context and
/// <c>RegisterGrainTimer</c>). The host runs every turn of one activation one at a time, in the order
/// they were enqueued: a grain never locks, because nothing else touches its state between awaits.
/// </summary>
/// <remarks>
/// Turns are not reentrant. A turn must never await another turn of its own activation (it would wait
/// for itself) and, by the project's rule, never awaits another grain either: Raft traffic is one-way
/// (<see cref="Post"/>), so call cycles between peers cannot deadlock.
/// </remarks>
public interface IGrainRuntime
{
    /// <summary>The clock timers and timeouts are measured against; a manual one in tests.</summary>
    TimeProvider TimeProvider { get; }

    /// <summary>Whether more turns wait in the mailbox behind the running one (lets a grain batch work across turns).</summary>
    bool HasQueuedTurns { get; }

    /// <summary>Enqueues a turn and completes with its result; a turn that throws fails only this call.</summary>
    Task<T> EnqueueTurnAsync<T>(Func<CancellationToken, Task<T>> turn);

    /// <summary>Enqueues a turn and completes when it has run; a turn that throws fails only this call.</summary>
    Task EnqueueTurnAsync(Func<CancellationToken, Task> turn);

    /// <summary>One-way: enqueues a turn nobody awaits (Orleans <c>[OneWay]</c>). Its failure is logged by the host.</summary>
    void Post(Func<CancellationToken, Task> turn);

    /// <summary>
    /// Runs <paramref name="callback"/> as a turn after <paramref name="dueTime"/>, then every
    /// <paramref name="period"/>, until the returned handle is disposed or the activation is deactivated.
    /// A tick that is still waiting in the mailbox is not queued twice, so a slow activation is not flooded.
    /// </summary>
    IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period);
}

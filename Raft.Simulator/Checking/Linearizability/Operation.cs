namespace Raft.Simulator.Checking.Linearizability;

/// <summary>
/// One client operation in a concurrent history: what was asked, what came back, and when. Times are
/// ticks of any one clock (the simulator uses virtual milliseconds). A null <see cref="Output"/> means the
/// client never learned the outcome (a crash, a timeout, the end of the run): the operation may have taken
/// effect at any moment after its invocation or not at all, so the checker treats it as completing at
/// +infinity, as Jepsen's :info operations are treated by Knossos and Porcupine; its
/// <see cref="CompleteTime"/> is then ignored.
/// </summary>
public sealed record Operation<TInput, TOutput>(int ClientId, TInput Input, TOutput? Output, long InvokeTime, long CompleteTime)
    where TOutput : class
{
    public bool OutcomeUnknown => Output is null;

    /// <summary>The completion the checker uses: the recorded one, or +infinity when the outcome is unknown.</summary>
    public long EffectiveCompleteTime => Output is null ? long.MaxValue : CompleteTime;

    public override string ToString() =>
        $"client {ClientId} [{InvokeTime}, {(Output is null ? "inf)" : $"{CompleteTime}]")} {Input} -> {(Output is null ? "?" : Output.ToString())}";
}

/// <summary>Shorthands for building operations.</summary>
public static class Operation
{
    public static Operation<TInput, TOutput> Completed<TInput, TOutput>(int clientId, TInput input, TOutput output, long invokeTime, long completeTime)
        where TOutput : class => new(clientId, input, output, invokeTime, completeTime);

    public static Operation<TInput, TOutput> Unknown<TInput, TOutput>(int clientId, TInput input, long invokeTime)
        where TOutput : class => new(clientId, input, null, invokeTime, long.MaxValue);
}

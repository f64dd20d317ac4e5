using System.Diagnostics;

namespace Raft.Simulator.Checking.Linearizability;

/// <summary>
/// Checks a concurrent history against a sequential model: partitions it (P-compositionality, Horn and
/// Kroening 2015), searches each sub-history with <see cref="LinearizationSearch{TState, TInput, TOutput}"/>
/// within a budget, and shrinks the first illegal sub-history to its shortest illegal prefix as the witness.
/// </summary>
public static class LinearizabilityChecker
{
    public static LinearizabilityResult<TInput, TOutput> Check<TState, TInput, TOutput>(
        ISequentialModel<TState, TInput, TOutput> model,
        IReadOnlyList<Operation<TInput, TOutput>> history,
        CheckBudget? budget = null)
        where TOutput : class
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(history);
        budget ??= CheckBudget.Default;
        long? deadline = budget.MaxTime is { } limit ? Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency) : null;
        var partitions = model.Partition(history);
        long steps = 0;
        string? unknown = null;
        foreach (var partition in partitions)
        {
            var outcome = Search(model, partition.Operations, budget.MaxStepsPerPartition, deadline);
            steps += outcome.Steps;
            if (outcome.Verdict == Verdict.Illegal)
            {
                var prefix = ShortestIllegalPrefix(model, partition.Operations, budget.MaxWitnessSteps);
                var witness = new Witness<TInput, TOutput>(partition.Name, partition.Operations, prefix);
                return new LinearizabilityResult<TInput, TOutput>(Verdict.Illegal, witness, partitions.Count, steps, unknown);
            }
            // Keep going after an Unknown: a later sub-history may still prove the history illegal.
            if (outcome.Verdict == Verdict.Unknown) unknown ??= partition.Name;
        }
        return new LinearizabilityResult<TInput, TOutput>(unknown is null ? Verdict.Ok : Verdict.Unknown, null, partitions.Count, steps, unknown);
    }

    private static SearchOutcome Search<TState, TInput, TOutput>(
        ISequentialModel<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> operations, long maxSteps, long? deadline)
        where TOutput : class =>
        new LinearizationSearch<TState, TInput, TOutput>(model, model.Reduce(operations)).Run(maxSteps, deadline);

    /// <summary>
    /// The history as it stood at the earliest moment it was already illegal: the operations invoked by
    /// then, with answers that arrived later turned back into unknown outcomes. A bare prefix by invocation
    /// would not do, because cutting can orphan a read from the concurrent write it saw and so invent a
    /// failure; the history as of a moment cannot, since every linearization of the whole history yields
    /// one of it (drop what took effect later; pending operations are free to take effect or not). For
    /// the same reason illegality persists as the moment advances, so the moment is found by bisection over
    /// the completion times. An Unknown answer counts as not yet illegal; the whole sub-history is known
    /// illegal, so the answer is always a proven witness.
    /// </summary>
    private static IReadOnlyList<Operation<TInput, TOutput>> ShortestIllegalPrefix<TState, TInput, TOutput>(
        ISequentialModel<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> operations, long maxSteps)
        where TOutput : class
    {
        var byInvocation = operations.Select((op, i) => (op, i)).OrderBy(x => x.op.InvokeTime).ThenBy(x => x.i).Select(x => x.op).ToArray();
        var moments = operations.Where(op => op.Output is not null).Select(op => op.CompleteTime).Distinct().Order().ToArray();
        var remaining = maxSteps;
        var (low, high) = (0, moments.Length - 1);
        while (low < high && remaining > 0)
        {
            var middle = low + (high - low) / 2;
            var outcome = Search(model, AsOf(byInvocation, moments[middle]), remaining, null);
            remaining -= outcome.Steps;
            if (outcome.Verdict == Verdict.Illegal) high = middle;
            else low = middle + 1;
        }
        return moments.Length == 0 ? byInvocation : AsOf(byInvocation, moments[high]);
    }

    /// <summary>What a client could have seen at <paramref name="time"/>: operations invoked by then, answers that arrived by then.</summary>
    private static Operation<TInput, TOutput>[] AsOf<TInput, TOutput>(Operation<TInput, TOutput>[] byInvocation, long time)
        where TOutput : class =>
        byInvocation.TakeWhile(op => op.InvokeTime <= time)
            .Select(op => op.Output is not null && op.CompleteTime > time ? op with { Output = null, CompleteTime = long.MaxValue } : op)
            .ToArray();
}

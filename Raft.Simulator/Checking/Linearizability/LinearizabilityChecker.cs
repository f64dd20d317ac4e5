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
        new LinearizationSearch<TState, TInput, TOutput>(model, operations).Run(maxSteps, deadline);

    /// <summary>
    /// The shortest prefix, by invocation time, that has no linearization. Dropping later operations can
    /// make a history illegal or legal (a read may lose the write it saw), so the prefixes are tried in
    /// order of length rather than by bisection; this runs only on failure and each try is short. When the
    /// budget runs out first, the whole sub-history is the witness.
    /// </summary>
    private static IReadOnlyList<Operation<TInput, TOutput>> ShortestIllegalPrefix<TState, TInput, TOutput>(
        ISequentialModel<TState, TInput, TOutput> model, IReadOnlyList<Operation<TInput, TOutput>> operations, long maxSteps)
        where TOutput : class
    {
        var byInvocation = operations.Select((op, i) => (op, i)).OrderBy(x => x.op.InvokeTime).ThenBy(x => x.i).Select(x => x.op).ToArray();
        var remaining = maxSteps;
        for (var length = 1; length < byInvocation.Length && remaining > 0; length++)
        {
            var prefix = byInvocation[..length];
            var outcome = Search(model, prefix, remaining, null);
            remaining -= outcome.Steps;
            if (outcome.Verdict == Verdict.Illegal) return prefix;
        }
        return byInvocation;
    }
}

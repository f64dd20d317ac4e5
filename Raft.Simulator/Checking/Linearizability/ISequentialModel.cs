namespace Raft.Simulator.Checking.Linearizability;

/// <summary>
/// The sequential specification a history is checked against, as Porcupine's Model: an initial state, a
/// deterministic step that says whether an operation with its observed output is legal in a state and what
/// state follows, state equality for memoizing the search, and a partition into independent sub-histories.
/// <para>
/// <see cref="Step"/> receives a null output for an operation whose outcome is unknown; it should then let
/// the operation take effect if it can. That is complete: the checker may also place such an operation
/// last, after every completed one, where taking effect or not makes no difference.
/// </para>
/// </summary>
public interface ISequentialModel<TState, TInput, TOutput>
    where TOutput : class
{
    TState Init();

    (bool Ok, TState Next) Step(TState state, TInput input, TOutput? output);

    bool StateEquals(TState a, TState b) => EqualityComparer<TState>.Default.Equals(a, b);

    int StateHash(TState state) => state is null ? 0 : EqualityComparer<TState>.Default.GetHashCode(state);

    /// <summary>
    /// An optional rewrite of one sub-history before the search that keeps its verdict: a model that knows
    /// its operations can drop ones that constrain nothing or bound when an unknown outcome took effect.
    /// Operations whose outcome is unknown stay pending to the end of the search and multiply the orders
    /// it must rule out, so this is where a model keeps illegal histories cheap. By default, none.
    /// </summary>
    IReadOnlyList<Operation<TInput, TOutput>> Reduce(IReadOnlyList<Operation<TInput, TOutput>> operations) => operations;

    /// <summary>Independent sub-histories; by default the whole history is one.</summary>
    IReadOnlyList<SubHistory<TInput, TOutput>> Partition(IReadOnlyList<Operation<TInput, TOutput>> history) =>
        [new SubHistory<TInput, TOutput>("all", history)];
}

namespace Raft.Simulator.Checking.Linearizability;

/// <summary>
/// An independent part of a history (the operations on one key), named for reports. Linearizability is
/// local (Herlihy and Wing 1990, Theorem 1): a history is linearizable exactly when each object's
/// sub-history is, so a model that partitions lets the checker search each part alone.
/// </summary>
public sealed record SubHistory<TInput, TOutput>(string Name, IReadOnlyList<Operation<TInput, TOutput>> Operations)
    where TOutput : class
{
    /// <summary>Groups operations by a key, in order of first appearance; each group keeps the history's order.</summary>
    public static IReadOnlyList<SubHistory<TInput, TOutput>> ByKey(IReadOnlyList<Operation<TInput, TOutput>> history, Func<TInput, string> keyOf)
    {
        var groups = new Dictionary<string, List<Operation<TInput, TOutput>>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var operation in history)
        {
            var key = keyOf(operation.Input);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
                order.Add(key);
            }
            group.Add(operation);
        }
        return order.Select(key => new SubHistory<TInput, TOutput>(key, groups[key])).ToArray();
    }
}

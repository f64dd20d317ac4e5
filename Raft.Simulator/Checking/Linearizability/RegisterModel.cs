namespace Raft.Simulator.Checking.Linearizability;

/// <summary>
/// Registers, one per key, that start empty: a write sets the value, a read returns the latest value
/// written (null before any write). The state is one register's value because histories are partitioned
/// by key.
/// </summary>
public sealed class RegisterModel : ISequentialModel<string?, RegisterInput, RegisterOutput>
{
    public static RegisterModel Instance { get; } = new();

    public string? Init() => null;

    public (bool Ok, string? Next) Step(string? state, RegisterInput input, RegisterOutput? output) => input switch
    {
        RegisterInput.Write write => (true, write.Value),
        // A read whose answer never arrived constrains nothing.
        RegisterInput.Read => (output is null || string.Equals(output.Value, state, StringComparison.Ordinal), state),
        _ => throw new ArgumentException($"unknown register operation {input}", nameof(input)),
    };

    public bool StateEquals(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);

    public int StateHash(string? state) => state is null ? 0 : StringComparer.Ordinal.GetHashCode(state);

    public IReadOnlyList<SubHistory<RegisterInput, RegisterOutput>> Partition(IReadOnlyList<Operation<RegisterInput, RegisterOutput>> history) =>
        SubHistory<RegisterInput, RegisterOutput>.ByKey(history, input => input.Key);

    /// <summary>
    /// Unknown-outcome reads go (they constrain nothing). An unknown-outcome write of a value no other write
    /// writes is either never read, and then it goes too (any linearization without it extends by putting it
    /// last, and any with it stays valid without it since no read sees its value), or read, and then it must
    /// take effect before the earliest completion of a read that returns its value, so it completes there.
    /// Both keep the verdict, and neither leaves it pending to the end, where it would multiply the orders
    /// the search has to rule out.
    /// </summary>
    public IReadOnlyList<Operation<RegisterInput, RegisterOutput>> Reduce(IReadOnlyList<Operation<RegisterInput, RegisterOutput>> operations)
    {
        if (!operations.Any(op => op.Output is null)) return operations;
        var writers = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstSeen = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var op in operations)
        {
            if (op.Input is RegisterInput.Write write) writers[write.Value] = writers.GetValueOrDefault(write.Value) + 1;
            else if (op.Output?.Value is { } value)
                firstSeen[value] = firstSeen.TryGetValue(value, out var seen) ? Math.Min(seen, op.CompleteTime) : op.CompleteTime;
        }
        var reduced = new List<Operation<RegisterInput, RegisterOutput>>(operations.Count);
        foreach (var op in operations)
        {
            if (op.Output is not null)
            {
                reduced.Add(op);
                continue;
            }
            if (op.Input is not RegisterInput.Write write) continue;
            if (writers[write.Value] != 1)
                reduced.Add(op);
            else if (firstSeen.TryGetValue(write.Value, out var seen))
                // Seen before it was invoked is illegal; keep it pending and let the search say so.
                reduced.Add(seen >= op.InvokeTime ? op with { Output = RegisterOutput.Written, CompleteTime = seen } : op);
        }
        return reduced;
    }
}

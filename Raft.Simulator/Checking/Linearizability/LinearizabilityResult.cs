namespace Raft.Simulator.Checking.Linearizability;

/// <summary>What a check found, how much it searched, and, when illegal, the witness.</summary>
public sealed record LinearizabilityResult<TInput, TOutput>(
    Verdict Verdict,
    Witness<TInput, TOutput>? Witness,
    int Partitions,
    long Steps,
    string? UnknownPartition)
    where TOutput : class
{
    public bool IsOk => Verdict == Verdict.Ok;

    public override string ToString() => Verdict switch
    {
        Verdict.Illegal => $"Illegal: {Witness}",
        Verdict.Unknown => $"Unknown: budget exhausted on key {UnknownPartition} after {Steps} steps",
        _ => $"Ok ({Partitions} keys, {Steps} steps)",
    };
}

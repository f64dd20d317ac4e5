namespace Raft.Simulator.Checking.Linearizability;

/// <summary>What a register operation returned: the value read (null: never written), or a plain ok for a write.</summary>
public sealed record RegisterOutput(string? Value)
{
    public static RegisterOutput Written { get; } = new((string?)null);

    public override string ToString() => Value ?? "none";
}

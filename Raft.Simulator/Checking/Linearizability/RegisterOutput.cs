namespace Raft.Simulator.Checking.Linearizability;

/// <summary>What a register operation returned: the value read (null: never written), or a write's acknowledgement.</summary>
public sealed record RegisterOutput(string? Value, bool Acknowledged = false)
{
    public static RegisterOutput Written { get; } = new(null, Acknowledged: true);

    public override string ToString() => Acknowledged ? "ok" : Value ?? "none";
}

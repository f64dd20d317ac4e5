namespace Raft.Simulator.Checking;

/// <summary>The Raft properties the checker guards (Raft Figure 3), and liveness once faults heal.</summary>
public enum RaftProperty
{
    ElectionSafety,
    LeaderAppendOnly,
    LogMatching,
    LeaderCompleteness,
    StateMachineSafety,
    /// <summary>An entry made visible as committed before a majority held it on stable storage (Raft §5.3: committed means stored on a majority).</summary>
    DurableCommit,
    /// <summary>A ReadIndex answer that misses a write acknowledged before the read began.</summary>
    LinearizableRead,
    /// <summary>The clients' history of register writes and reads has no linearization.</summary>
    Linearizability,
    Liveness,
}

/// <summary>A broken property, when it broke, and what was seen.</summary>
public sealed record Violation(RaftProperty Property, long TimeMs, string Detail)
{
    public override string ToString() => $"{Property} at {TimeMs} ms: {Detail}";
}

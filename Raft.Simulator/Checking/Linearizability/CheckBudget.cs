namespace Raft.Simulator.Checking.Linearizability;

/// <summary>
/// How much search the checker may spend before it answers Unknown: linearizability checking is
/// NP-complete (Gibbons and Korach 1997), so every check is bounded. Steps are counted per sub-history and
/// are deterministic, which a seeded simulation needs; the wall-clock limit covers the whole check and is
/// off unless set, because it makes the answer depend on the machine.
/// </summary>
public sealed record CheckBudget
{
    public static CheckBudget Default { get; } = new();

    /// <summary>Search steps (one candidate operation tried or one backtrack) allowed per sub-history.</summary>
    public long MaxStepsPerPartition { get; init; } = 5_000_000;

    /// <summary>Wall-clock limit for the whole check, or null for none.</summary>
    public TimeSpan? MaxTime { get; init; }

    /// <summary>Steps allowed for finding the earliest moment an illegal sub-history was already illegal (the witness).</summary>
    public long MaxWitnessSteps { get; init; } = 5_000_000;
}

namespace Raft.Simulator.Checking.Linearizability;

/// <summary>The answer of one sub-history's search and the steps it took.</summary>
internal readonly record struct SearchOutcome(Verdict Verdict, long Steps);

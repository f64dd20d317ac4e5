namespace Raft.Simulator.Checking.Linearizability;

/// <summary>The three answers of a bounded check, as Porcupine's CheckResult.</summary>
public enum Verdict
{
    /// <summary>Every sub-history has a linearization.</summary>
    Ok,
    /// <summary>Some sub-history has none; the result carries a witness.</summary>
    Illegal,
    /// <summary>The budget ran out before an answer, and no sub-history was found illegal.</summary>
    Unknown,
}

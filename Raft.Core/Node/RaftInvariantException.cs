namespace Raft.Core.Node;

/// <summary>
/// A broken invariant inside the core: a bug, never bad input (bad input gets a <see cref="StepOutcome"/>).
/// The peer must stop rather than run on with a state Raft's proofs do not cover.
/// </summary>
public sealed class RaftInvariantException(string message) : Exception(message);

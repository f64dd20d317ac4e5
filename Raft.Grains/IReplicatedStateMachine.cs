using Raft.Core.Messages;

namespace Raft.Grains;

/// <summary>
/// The replicated state machine a peer applies committed commands to. Must be deterministic: every peer
/// applies the same entries in the same order and must reach the same state and results (hashicorp/raft's
/// FSM contract).
/// </summary>
public interface IReplicatedStateMachine
{
    /// <summary>Applies one committed client command (never a leader's no-op) and returns its result bytes.</summary>
    ReadOnlyMemory<byte> Apply(Entry entry);

    /// <summary>
    /// Run by the leader before it appends a command: null accepts it (after stamping it in place with the
    /// leader's time, in Unix milliseconds); otherwise the reason it is refused, and nothing is appended.
    /// </summary>
    string? PrepareProposal(Span<byte> command, long leaderTimeMs);
}

using Raft.Core.Messages;

namespace Raft.Grains;

/// <summary>
/// The replicated state machine a peer applies committed commands to (the KV store and queue come later).
/// Must be deterministic: every peer applies the same entries in the same order and must reach the same
/// state and results (hashicorp/raft's FSM contract).
/// </summary>
public interface IReplicatedStateMachine
{
    /// <summary>Applies one committed client command (never a leader's no-op) and returns its result bytes.</summary>
    ReadOnlyMemory<byte> Apply(Entry entry);
}

using Raft.Core.Messages;

namespace Raft.Grains;

/// <summary>The placeholder state machine until the KV store lands: applies nothing, returns an empty result.</summary>
public sealed class EmptyResultStateMachine : IReplicatedStateMachine
{
    public ReadOnlyMemory<byte> Apply(Entry entry) => ReadOnlyMemory<byte>.Empty;
}

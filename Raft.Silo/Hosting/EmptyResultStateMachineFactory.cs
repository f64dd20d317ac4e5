using Raft.Grains;

namespace Raft.Silo.Hosting;

/// <summary>The placeholder until the KV store lands: every peer applies commands to nothing and returns empty results.</summary>
public sealed class EmptyResultStateMachineFactory : IStateMachineFactory
{
    public IReplicatedStateMachine Create(int peerId) => new EmptyResultStateMachine();
}

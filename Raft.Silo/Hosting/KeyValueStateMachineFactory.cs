using Raft.Grains;
using Raft.Grains.StateMachine;

namespace Raft.Silo.Hosting;

/// <summary>Every peer applies to its own key-value store and message queue; the limits are the cluster's.</summary>
public sealed class KeyValueStateMachineFactory(StateMachineLimits limits) : IStateMachineFactory
{
    public IReplicatedStateMachine Create(int peerId) => new KeyValueStateMachine(limits);
}

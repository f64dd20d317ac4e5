using Raft.Grains;

namespace Raft.Silo.Hosting;

/// <summary>Gives each hosted peer its replicated state machine; the KV store and queue plug in here.</summary>
public interface IStateMachineFactory
{
    IReplicatedStateMachine Create(int peerId);
}

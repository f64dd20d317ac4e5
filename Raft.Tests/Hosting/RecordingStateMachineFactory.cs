using System.Collections.Concurrent;
using Raft.Grains;
using Raft.Silo.Hosting;

namespace Raft.Tests.Hosting;

/// <summary>Hands each peer a <see cref="RecordingStateMachine"/> and keeps them for the test to inspect.</summary>
public sealed class RecordingStateMachineFactory : IStateMachineFactory
{
    public ConcurrentDictionary<int, RecordingStateMachine> Machines { get; } = new();

    public IReplicatedStateMachine Create(int peerId) => Machines.GetOrAdd(peerId, _ => new RecordingStateMachine());
}

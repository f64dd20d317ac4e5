using System.Collections.Concurrent;
using Raft.Grains;
using Raft.Silo.Hosting;

namespace Raft.Tests.Integration;

/// <summary>Hands every peer a <see cref="SnapshotRecordingStateMachine"/> and keeps each one it made, oldest first.</summary>
internal sealed class SnapshotRecordingStateMachineFactory : IStateMachineFactory
{
    public ConcurrentDictionary<int, ConcurrentQueue<SnapshotRecordingStateMachine>> Made { get; } = new();

    public IReplicatedStateMachine Create(int peerId)
    {
        var machine = new SnapshotRecordingStateMachine();
        Made.GetOrAdd(peerId, _ => new ConcurrentQueue<SnapshotRecordingStateMachine>()).Enqueue(machine);
        return machine;
    }
}

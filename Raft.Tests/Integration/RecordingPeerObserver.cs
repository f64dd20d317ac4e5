using System.Collections.Concurrent;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Grains;

namespace Raft.Tests.Integration;

/// <summary>Remembers every fault a silo's peers report, for tests that provoke one.</summary>
internal sealed class RecordingPeerObserver : IRaftPeerObserver
{
    private readonly ConcurrentQueue<Exception> _faults = new();

    public IReadOnlyCollection<Exception> Faults => _faults;

    public void OnBecameLeader(int peerId, long term)
    {
    }

    public void OnRoleChanged(int peerId, RaftRole role, long term, int leader)
    {
    }

    public void OnMessageRejected(int peerId, Message message, StepOutcome outcome)
    {
    }

    public void OnFaulted(int peerId, Exception exception) => _faults.Enqueue(exception);
}

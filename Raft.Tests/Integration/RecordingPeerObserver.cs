using System.Collections.Concurrent;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Grains;

namespace Raft.Tests.Integration;

/// <summary>Remembers every fault and every rejected message a silo's peers report, for tests that provoke them.</summary>
internal sealed class RecordingPeerObserver : IRaftPeerObserver
{
    private readonly ConcurrentQueue<Exception> _faults = new();
    private readonly ConcurrentQueue<StepOutcome> _rejected = new();

    public IReadOnlyCollection<Exception> Faults => _faults;

    public IReadOnlyCollection<StepOutcome> Rejected => _rejected;

    public void OnBecameLeader(int peerId, long term)
    {
    }

    public void OnRoleChanged(int peerId, RaftRole role, long term, int leader)
    {
    }

    public void OnMessageRejected(int peerId, Message message, StepOutcome outcome) => _rejected.Enqueue(outcome);

    public void OnFaulted(int peerId, Exception exception) => _faults.Enqueue(exception);
}

using Raft.Core.Messages;
using Raft.Simulator.Cluster;

namespace Raft.Simulator.Checking;

/// <summary>
/// Checks that ReadIndex reads are linearizable over the log: the state at a read's index holds every
/// command, so the index must be at least that of every write acknowledged to its client before the read
/// was asked for (a write is acknowledged when the peer it was proposed at applies it at the index and
/// term it was given). Later writes get later indexes, so the other direction holds by construction.
/// </summary>
public sealed class ReadChecker(Func<long> nowMs, Action<Violation> fail)
{
    private readonly Dictionary<(int Peer, long Index), long> _awaitingAck = [];
    private readonly Dictionary<long, (int Peer, long MustSeeIndex, long AskedAtMs)> _reads = [];
    private long _nextContext = 1;

    /// <summary>The highest index of any write acknowledged so far.</summary>
    public long MaxAcknowledgedIndex { get; private set; }

    public long ReadsServed { get; private set; }

    public void OnProposed(int peer, long index, long term) => _awaitingAck[(peer, index)] = term;

    public void OnApply(int peer, Entry entry)
    {
        if (_awaitingAck.Remove((peer, entry.Index), out var term) && term == entry.Term)
            MaxAcknowledgedIndex = Math.Max(MaxAcknowledgedIndex, entry.Index);
    }

    public long NewRead(int peer)
    {
        var context = _nextContext++;
        _reads[context] = (peer, MaxAcknowledgedIndex, nowMs());
        return context;
    }

    public void Forget(long context) => _reads.Remove(context);

    public void OnReadIndex(int peer, Core.Node.ReadState state)
    {
        if (!_reads.Remove(state.Context, out var read)) return;
        ReadsServed++;
        if (read.Peer != peer || state.Index < read.MustSeeIndex)
        {
            fail(new Violation(RaftProperty.LinearizableRead, nowMs(),
                $"read {state.Context} asked at peer {read.Peer} at {read.AskedAtMs} ms got index {state.Index} from peer {peer}, but index {read.MustSeeIndex} was acknowledged before it"));
        }
    }
}

using Raft.Core.Messages;
using Raft.Core.Node;

namespace Raft.Grains;

/// <summary>
/// One Raft peer as a grain, keyed by its peer id (Orleans: <c>IGrainWithStringKey</c>). Every method
/// runs as a turn of the peer's single activation.
/// </summary>
public interface IRaftPeerGrain
{
    /// <summary>
    /// Proposes a command and completes once it is committed and applied at this peer, with the state
    /// machine's result; or with a typed refusal (<see cref="ProposeStatus"/>). Only a leader accepts.
    /// </summary>
    Task<ProposeReply> ProposeAsync(ReadOnlyMemory<byte> command, CancellationToken cancellationToken);

    /// <summary>A snapshot of the peer's Raft state, taken inside a turn.</summary>
    Task<PeerStatus> GetStatusAsync();

    /// <summary>
    /// Runs <paramref name="query"/> against this peer's state machine inside a turn. Linearizable: only at
    /// the leader, after a ReadIndex round confirms its leadership and the peer has applied up to the read
    /// index (dissertation §6.4). Stale: at once, on whatever this peer has applied.
    /// </summary>
    Task<ReadReply<T>> ReadAsync<T>(Func<IReplicatedStateMachine, T> query, bool linearizable, CancellationToken cancellationToken);

    /// <summary>
    /// One-way delivery of a Raft message (Orleans <c>[OneWay]</c>): returns at once, the message is
    /// stepped in a later turn. Peers never await each other, so call cycles cannot deadlock.
    /// </summary>
    void Deliver(Message message);
}

using Raft.Core.Messages;
using Raft.Silo.Transport;

namespace Raft.Silo.Hosting;

/// <summary>
/// Hands a message that arrived from another silo to the one-way <c>Deliver</c> of the local peer it is
/// addressed to. A message for a peer not hosted here (a stale route) is dropped and counted: Raft
/// retransmits, and the sender learns nothing it could misuse.
/// </summary>
public sealed class GrainInboundSink(GrainFactory grains) : IInboundMessageSink
{
    private long _undeliverable;

    public long Undeliverable => Interlocked.Read(ref _undeliverable);

    public void Deliver(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (grains.TryGetRaftPeer(message.To, out var peer)) peer.Deliver(message);
        else Interlocked.Increment(ref _undeliverable);
    }
}

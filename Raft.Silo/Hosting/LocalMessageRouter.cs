using Raft.Core.Driver;
using Raft.Core.Messages;

namespace Raft.Silo.Hosting;

/// <summary>
/// The <see cref="IMessageSender"/> every peer of this silo sends through. A message for a peer hosted
/// here goes straight to that activation's one-way <c>Deliver</c>; any other goes to the
/// <see cref="IRemoteMessageSender"/>. <see cref="Deliver"/> is the inbound sink the transport hands
/// received messages to.
/// </summary>
public sealed class LocalMessageRouter(GrainFactory grains, IRemoteMessageSender remote) : IMessageSender
{
    private long _undeliverable;

    /// <summary>Inbound messages whose recipient is not hosted here (a misrouted or stale sender).</summary>
    public long Undeliverable => Interlocked.Read(ref _undeliverable);

    public void Send(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (grains.TryGetRaftPeer(message.To, out var peer)) peer.Deliver(message);
        else remote.Send(message);
    }

    /// <summary>Delivers a message that arrived from another silo to the local peer it is addressed to; drops it otherwise.</summary>
    public void Deliver(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (grains.TryGetRaftPeer(message.To, out var peer)) peer.Deliver(message);
        else Interlocked.Increment(ref _undeliverable);
    }
}

using Raft.Core.Driver;
using Raft.Core.Messages;

namespace Raft.Silo.Hosting;

/// <summary>
/// The <see cref="IMessageSender"/> every peer of this silo sends through. A message for a peer hosted
/// here goes straight to that activation's one-way <c>Deliver</c>; any other goes to the
/// <see cref="IRemoteMessageSender"/>. Messages from other silos come in through <see cref="GrainInboundSink"/>.
/// </summary>
public sealed class LocalMessageRouter(GrainFactory grains, IRemoteMessageSender remote) : IMessageSender
{
    public void Send(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (grains.TryGetRaftPeer(message.To, out var peer)) peer.Deliver(message);
        else remote.Send(message);
    }
}

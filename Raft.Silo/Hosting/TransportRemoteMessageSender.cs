using Raft.Core.Messages;
using Raft.Silo.Transport;

namespace Raft.Silo.Hosting;

/// <summary>Fills the remote-routing seam with the silo-to-silo transport.</summary>
public sealed class TransportRemoteMessageSender(SiloTransport transport) : IRemoteMessageSender
{
    public void Send(Message message) => transport.Send(message);
}

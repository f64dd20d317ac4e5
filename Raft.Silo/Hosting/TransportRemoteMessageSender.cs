using Raft.Core.Driver;
using Raft.Core.Messages;

namespace Raft.Silo.Hosting;

/// <summary>
/// Plugs any <see cref="IMessageSender"/> (the silo-to-silo transport's) in as the remote route:
/// <c>services.AddSingleton&lt;IRemoteMessageSender&gt;(sp =&gt; new TransportRemoteMessageSender(transport))</c>.
/// </summary>
public sealed class TransportRemoteMessageSender(IMessageSender transport) : IRemoteMessageSender
{
    public void Send(Message message) => transport.Send(message);
}

using Microsoft.Extensions.Logging;
using Raft.Core.Messages;

namespace Raft.Silo.Hosting;

/// <summary>
/// The remote sender until the transport lands: drops every message (as a partition would) and says so
/// once, so a multi-silo run that cannot elect explains itself.
/// </summary>
public sealed partial class DroppingRemoteMessageSender(ILogger<DroppingRemoteMessageSender> logger) : IRemoteMessageSender
{
    private long _dropped;

    public long Dropped => Interlocked.Read(ref _dropped);

    public void Send(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Interlocked.Increment(ref _dropped) == 1) NoTransport(logger, message.To);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "no silo-to-silo transport in this build: messages to peer {PeerId} and other remote peers are dropped")]
    private static partial void NoTransport(ILogger logger, int peerId);
}

using Microsoft.Extensions.Logging;
using Raft.Core.Messages;

namespace Raft.Silo.Hosting;

/// <summary>
/// The remote sender of a silo that hosts the whole group, so no transport is started: a message for a peer
/// it does not host has nowhere to go. It is dropped (as a partition would drop it), and the first one is
/// logged so a misconfigured membership explains itself.
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "this silo hosts the whole group, yet a message is addressed to peer {PeerId}, which no member hosts; such messages are dropped")]
    private static partial void NoTransport(ILogger logger, int peerId);
}

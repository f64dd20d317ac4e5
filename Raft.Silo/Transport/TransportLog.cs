using Microsoft.Extensions.Logging;

namespace Raft.Silo.Transport;

/// <summary>Source-generated log messages of the transport, so the hot paths cost nothing when a level is off.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(1, LogLevel.Debug, "Transport connection {ConnectionId} accepted from {RemoteEndPoint}")]
    public static partial void ConnectionAccepted(this ILogger logger, string connectionId, string? remoteEndPoint);

    [LoggerMessage(2, LogLevel.Information, "Transport connection {ConnectionId} is from silo {SiloName}")]
    public static partial void HandshakeAccepted(this ILogger logger, string connectionId, string siloName);

    [LoggerMessage(3, LogLevel.Warning, "Closing transport connection {ConnectionId} from {Remote}: {Error}, {Reason}")]
    public static partial void ClosingOnBadFrame(this ILogger logger, string connectionId, string remote, FrameError error, string reason);

    [LoggerMessage(4, LogLevel.Debug, "Transport connection {ConnectionId} from {Remote} closed after {Messages} messages")]
    public static partial void InboundClosed(this ILogger logger, string connectionId, string remote, long messages);

    [LoggerMessage(5, LogLevel.Error, "Transport connection {ConnectionId} from {Remote} failed")]
    public static partial void InboundFailed(this ILogger logger, string connectionId, string remote, Exception exception);

    [LoggerMessage(10, LogLevel.Information, "Connected to silo {Remote}")]
    public static partial void Connected(this ILogger logger, SiloEndpoint remote);

    [LoggerMessage(11, LogLevel.Debug, "Connecting to silo {Remote} failed (attempt {Attempt}); retrying in {DelayMs} ms: {Reason}")]
    public static partial void ConnectFailed(this ILogger logger, SiloEndpoint remote, int attempt, long delayMs, string reason);

    [LoggerMessage(12, LogLevel.Warning, "Connection to silo {Remote} lost: {Reason}")]
    public static partial void ConnectionLost(this ILogger logger, SiloEndpoint remote, string reason);

    [LoggerMessage(13, LogLevel.Warning, "Dropping {Message} to silo {Remote}: its frame of {FrameBytes} bytes exceeds {MaxFrameBytes}")]
    public static partial void MessageTooLarge(this ILogger logger, string message, SiloEndpoint remote, int frameBytes, int maxFrameBytes);

    [LoggerMessage(14, LogLevel.Debug, "Dropping {Message}: no route to peer {PeerId}")]
    public static partial void Unroutable(this ILogger logger, string message, int peerId);
}

using Microsoft.Extensions.Logging;

namespace Raft.Silo.LineProtocol;

/// <summary>Source-generated log messages of the line protocol server; bad client input is logged here, never echoed back.</summary>
internal static partial class LineProtocolLog
{
    [LoggerMessage(200, LogLevel.Debug, "Line protocol connection {ConnectionId} accepted from {Remote}")]
    public static partial void ConnectionAccepted(this ILogger logger, string connectionId, string remote);

    [LoggerMessage(201, LogLevel.Debug, "Line protocol connection {ConnectionId} from {Remote} closed after {Commands} commands")]
    public static partial void ConnectionClosed(this ILogger logger, string connectionId, string remote, long commands);

    [LoggerMessage(202, LogLevel.Information, "Line protocol connection {ConnectionId} from {Remote}: refused a command ({Error})")]
    public static partial void CommandRefused(this ILogger logger, string connectionId, string remote, LineCommandError error);

    [LoggerMessage(203, LogLevel.Warning, "Closing line protocol connection {ConnectionId} from {Remote}: announced a value larger than {MaxDiscardBytes} bytes")]
    public static partial void ClosingOnHugeValue(this ILogger logger, string connectionId, string remote, long maxDiscardBytes);

    [LoggerMessage(204, LogLevel.Debug, "Closing line protocol connection {ConnectionId} from {Remote}: idle for {IdleTimeout}")]
    public static partial void ClosingIdle(this ILogger logger, string connectionId, string remote, TimeSpan idleTimeout);

    [LoggerMessage(205, LogLevel.Information, "Line protocol connection {ConnectionId} from {Remote} ended in the middle of a command")]
    public static partial void EndedMidCommand(this ILogger logger, string connectionId, string remote);

    [LoggerMessage(206, LogLevel.Warning, "Line store failed {Verb} of {Name}: {Reason}")]
    public static partial void StoreFailed(this ILogger logger, string verb, string name, string reason);

    [LoggerMessage(207, LogLevel.Error, "Line store threw on {Verb} of {Name}")]
    public static partial void StoreThrew(this ILogger logger, string verb, string name, Exception exception);

    [LoggerMessage(208, LogLevel.Error, "Line store answered {Verb} of {Name} with {Result}, which has no reply; sent ERR_INTERNAL")]
    public static partial void UnusableResult(this ILogger logger, string verb, string name, string result);

    [LoggerMessage(209, LogLevel.Error, "Line protocol connection {ConnectionId} from {Remote} failed")]
    public static partial void ConnectionFailed(this ILogger logger, string connectionId, string remote, Exception exception);
}

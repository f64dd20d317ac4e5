using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace Raft.Client.Cluster;

/// <summary>
/// Tells the ways an Orleans call fails on its way, before any client grain answered it (the gateway refused
/// or dropped the connection, rejected the message, or Orleans gave up waiting), from failures of the request
/// itself. Only the former are worth another attempt through another gateway; with the request's id
/// unchanged, another attempt cannot apply a write twice.
/// </summary>
internal static class TransportFailures
{
    public static bool IsTransportFailure(Exception exception) =>
        exception is OrleansMessageRejectionException or ConnectionFailedException or GatewayTooBusyException or TimeoutException;

    /// <summary>The innermost message: Orleans wraps the telling one ("Connection refused", another cluster id) in generic ones.</summary>
    public static string Describe(Exception exception)
    {
        var innermost = exception;
        while (innermost.InnerException is { } inner) innermost = inner;
        return innermost.Message.Trim();
    }
}

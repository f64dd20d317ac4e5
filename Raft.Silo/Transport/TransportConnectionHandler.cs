using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Logging;

namespace Raft.Silo.Transport;

/// <summary>
/// The receiving end of silo-to-silo connections under Kestrel. Each connection opens with a handshake,
/// then carries any number of message frames, each decoded whole and handed to the sink. A frame that is
/// malformed, oversized, unknown or out of order closes that connection only, with its reason logged; nothing
/// of the bad frame is delivered, and other connections carry on.
/// </summary>
public sealed class TransportConnectionHandler(
    IInboundMessageSink sink,
    TransportOptions options,
    TransportCounters counters,
    ITransportFaults faults,
    ILogger<TransportConnectionHandler> logger) : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        logger.ConnectionAccepted(connection.ConnectionId, connection.RemoteEndPoint?.ToString());
        // Server shutdown asks connections to close; without this a persistent connection would hold StopAsync.
        var closeRequested = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested ?? CancellationToken.None;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed, closeRequested);
        var session = new InboundSession(connection.ConnectionId, connection.RemoteEndPoint?.ToString() ?? "unknown");
        try
        {
            await ReadFramesAsync(connection, session, stop.Token).ConfigureAwait(false);
        }
        catch (FrameFormatException e)
        {
            counters.AddBadFrame();
            logger.ClosingOnBadFrame(session.ConnectionId, session.Remote, e.Error, e.Message);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Closed by the peer or by server shutdown: an ordinary end.
        }
        catch (ConnectionResetException)
        {
            // The sending silo went away; it reconnects when it comes back.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.InboundFailed(session.ConnectionId, session.Remote, e);
        }
        finally
        {
            logger.InboundClosed(session.ConnectionId, session.Remote, session.Messages);
        }
        // Returning hands the connection back to Kestrel, which closes it.
    }

    private async Task ReadFramesAsync(ConnectionContext connection, InboundSession session, CancellationToken cancellationToken)
    {
        var input = connection.Transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            try
            {
                while (FrameCodec.TryReadFrame(ref buffer, options.MaxFrameBytes, out var type, out var payload))
                {
                    HandleFrame(session, type, payload);
                }
                if (result.IsCompleted || result.IsCanceled)
                {
                    if (!buffer.IsEmpty)
                    {
                        throw new FrameFormatException(FrameError.Truncated, $"connection ended inside a frame ({buffer.Length} bytes pending).");
                    }
                    return;
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }
        }
    }

    private void HandleFrame(InboundSession session, FrameType type, ReadOnlySequence<byte> payload)
    {
        if (type == FrameType.Handshake)
        {
            if (session.SiloName is not null) throw new FrameFormatException(FrameError.UnexpectedFrame, "second handshake on one connection.");
            var handshake = Decode(payload, Handshake.Decode);
            session.SiloName = handshake.SiloName;
            session.Remote = $"{handshake.SiloName} ({session.Remote})";
            logger.HandshakeAccepted(session.ConnectionId, handshake.SiloName);
            return;
        }
        if (session.SiloName is null) throw new FrameFormatException(FrameError.UnexpectedFrame, "message before handshake.");
        var message = Decode(payload, MessageCodec.Decode);
        session.Messages++;
        if (faults.IsBlocked(session.SiloName, options.SiloName))
        {
            counters.AddDroppedByFaults();
            return;
        }
        counters.AddReceived();
        sink.Deliver(message);
    }

    private static T Decode<T>(ReadOnlySequence<byte> payload, SpanDecoder<T> decode)
    {
        if (payload.IsSingleSegment) return decode(payload.FirstSpan);
        // Bounded by the maximum frame size, which TryReadFrame enforced before buffering the body.
        var rented = ArrayPool<byte>.Shared.Rent((int)payload.Length);
        try
        {
            payload.CopyTo(rented);
            return decode(rented.AsSpan(0, (int)payload.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private delegate T SpanDecoder<out T>(ReadOnlySpan<byte> bytes);

    /// <summary>What one inbound connection has learned so far.</summary>
    private sealed class InboundSession(string connectionId, string remote)
    {
        public string ConnectionId { get; } = connectionId;

        /// <summary>Null until the handshake arrives; every message frame requires it.</summary>
        public string? SiloName { get; set; }

        public string Remote { get; set; } = remote;

        public long Messages { get; set; }
    }
}

using System.Buffers;
using System.Buffers.Binary;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Raft.Silo.Transport;

namespace Raft.Tests.Transport;

/// <summary>
/// Proves a listener treats bad input from the network as the problem of that one connection: a raw TCP
/// client sending a malformed, oversized, unknown-type, unknown-version or out-of-order frame has its
/// connection closed, the reason is logged and counted, nothing is delivered, and a well-behaved
/// connection from another silo keeps working throughout.
/// </summary>
public sealed class InboundFrameValidationTests
{
    private const int MaxFrameBytes = 64 * 1024;

    public static TheoryData<string, FrameError> Cases() => new()
    {
        { "malformed message", FrameError.TrailingBytes },
        { "oversized frame", FrameError.FrameTooLarge },
        { "unknown frame type", FrameError.UnknownFrameType },
        { "unknown protocol version", FrameError.UnsupportedVersion },
        { "message before handshake", FrameError.UnexpectedFrame },
        { "second handshake", FrameError.UnexpectedFrame },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadFrame_ClosesThatConnectionOnly_AndDeliversNothing(string kind, FrameError expected)
    {
        await using var silos = await SiloPair.StartAsync(maxFrameBytes: MaxFrameBytes);
        silos.A.Send(Messages.Heartbeat(1, 2, 1));
        Assert.Equal(1, (await silos.SinkB.NextAsync("the well-behaved silo's first message")).Context);

        using var raw = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await raw.ConnectAsync(silos.ListenerB.EndPoint, TestContext.Current.CancellationToken);
        await raw.SendAsync(BadBytes(kind), TestContext.Current.CancellationToken);
        await AssertClosedByServerAsync(raw, kind);

        Assert.Equal(1, silos.CountersB.BadFrames);
        Assert.Contains(silos.Logs.Lines, l => l.Level == LogLevel.Warning && l.Text.Contains(expected.ToString(), StringComparison.Ordinal));
        // The bad connection was handled to the end before it closed; the next delivery must be this sentinel.
        silos.A.Send(Messages.Heartbeat(1, 2, 2));
        Assert.Equal(2, (await silos.SinkB.NextAsync("the sentinel after the bad connection closed")).Context);
        Assert.Equal(1, silos.CountersA.ConnectionsOpened);
        Assert.Equal(2, silos.CountersB.Received);
    }

    private static byte[] BadBytes(string kind)
    {
        var writer = new ArrayBufferWriter<byte>();
        var message = Messages.Heartbeat(1, 2, 666);
        switch (kind)
        {
            case "malformed message":
                FrameCodec.WriteHandshake(Handshake.ForSilo("raw"), writer);
                var payload = MessageCodec.Encode(message);
                WriteFrame(writer, FrameType.Message, [.. payload, 0xEE]);
                break;
            case "oversized frame":
                FrameCodec.WriteHandshake(Handshake.ForSilo("raw"), writer);
                // Only the header: the listener must refuse from the length alone, without waiting for the body.
                var header = writer.GetSpan(5);
                BinaryPrimitives.WriteInt32LittleEndian(header, MaxFrameBytes + 1);
                header[4] = (byte)FrameType.Message;
                writer.Advance(5);
                break;
            case "unknown frame type":
                FrameCodec.WriteHandshake(Handshake.ForSilo("raw"), writer);
                WriteFrame(writer, (FrameType)77, MessageCodec.Encode(message));
                break;
            case "unknown protocol version":
                var handshake = new ArrayBufferWriter<byte>();
                new Handshake(Handshake.CurrentProtocolVersion + 1, "raw").Encode(handshake);
                WriteFrame(writer, FrameType.Handshake, handshake.WrittenSpan.ToArray());
                FrameCodec.WriteMessage(message, writer);
                break;
            case "message before handshake":
                FrameCodec.WriteMessage(message, writer);
                break;
            case "second handshake":
                FrameCodec.WriteHandshake(Handshake.ForSilo("raw"), writer);
                FrameCodec.WriteHandshake(Handshake.ForSilo("raw"), writer);
                FrameCodec.WriteMessage(message, writer);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
        return writer.WrittenSpan.ToArray();
    }

    private static void WriteFrame(ArrayBufferWriter<byte> writer, FrameType type, byte[] payload)
    {
        var span = writer.GetSpan(5 + payload.Length);
        BinaryPrimitives.WriteInt32LittleEndian(span, 1 + payload.Length);
        span[4] = (byte)type;
        payload.CopyTo(span[5..]);
        writer.Advance(5 + payload.Length);
    }

    private static async Task AssertClosedByServerAsync(Socket raw, string kind)
    {
        using var timeout = new CancellationTokenSource(RecordingSink.Timeout);
        var scratch = new byte[16];
        try
        {
            while (await raw.ReceiveAsync(scratch, SocketFlags.None, timeout.Token) > 0)
            {
                // The listener never writes; keep reading until it closes.
            }
        }
        catch (SocketException)
        {
            // A reset is a close too.
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"The listener kept the connection open after a {kind} for {RecordingSink.Timeout.TotalSeconds} s.");
        }
    }
}

using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Raft.Core.Messages;

namespace Raft.Silo.Transport;

/// <summary>
/// The one persistent connection from this silo to one remote silo: a bounded queue that Send fills without
/// blocking, and a writer loop that connects, handshakes, and writes queued messages in batches (one write
/// per batch). When the connection fails it reconnects after an exponential backoff with jitter.
/// </summary>
/// <remarks>
/// Messages queued while disconnected wait in the queue (up to its bound), so a brief outage costs no more
/// than the batch that was being written. Raft tolerates the loss and the late delivery alike.
/// </remarks>
internal sealed class OutboundSiloConnection : IAsyncDisposable
{
    /// <summary>Keeps one huge message from pinning a huge buffer for the life of the connection.</summary>
    private const int RetainedBufferBytes = 4 * 1024 * 1024;

    private readonly SiloEndpoint _remote;
    private readonly TransportOptions _options;
    private readonly TransportCounters _counters;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Channel<Message> _queue;
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Task _writer;
    private ArrayBufferWriter<byte> _buffer = new(64 * 1024);

    /// <summary>Failed connects or connections in a row; reset by a successful write. Drives the backoff.</summary>
    private int _consecutiveFailures;

    public OutboundSiloConnection(SiloEndpoint remote, TransportOptions options, TransportCounters counters, ILogger logger, TimeProvider time)
    {
        _remote = remote;
        _options = options;
        _counters = counters;
        _logger = logger;
        _time = time;
        // Wait mode makes TryWrite report a full queue, so the drop can be counted; nobody ever awaits WriteAsync.
        _queue = Channel.CreateBounded<Message>(new BoundedChannelOptions(options.SendQueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _writer = Task.Run(() => RunAsync(_shutdown.Token));
    }

    public SiloEndpoint Remote => _remote;

    /// <summary>Queues without blocking; false (and counted) when the queue is full or closed.</summary>
    public bool TryEnqueue(Message message)
    {
        if (_queue.Writer.TryWrite(message)) return true;
        _counters.AddDroppedQueueFull();
        return false;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        // Connect only when there is something to send, so an idle route to a dead silo costs nothing.
        while (await _queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            string reason;
            try
            {
                using var socket = await ConnectAsync(cancellationToken).ConfigureAwait(false);
                _counters.AddConnectionOpened();
                _logger.Connected(_remote);
                await using var stream = new NetworkStream(socket, ownsSocket: false);
                try
                {
                    await PumpAsync(stream, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is SocketException or IOException)
                {
                    _counters.AddConnectionLost();
                    throw;
                }
                return;
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                reason = e is OperationCanceledException ? "connect timed out" : e.Message;
            }
            _consecutiveFailures++;
            var delay = NextBackoff();
            if (_consecutiveFailures == 1) _logger.ConnectionLost(_remote, reason);
            else _logger.ConnectFailed(_remote, _consecutiveFailures, (long)delay.TotalMilliseconds, reason);
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ConnectTimeout);
            await socket.ConnectAsync(_remote.Host, _remote.Port, timeout.Token).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Handshake, then batches until the queue completes (returns) or the connection fails (throws).</summary>
    private async Task PumpAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        using var connectionLost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var watcher = WatchForCloseAsync(stream, connectionLost);
        try
        {
            _buffer.ResetWrittenCount();
            FrameCodec.WriteHandshake(Handshake.ForSilo(_options.SiloName), _buffer);
            await stream.WriteAsync(_buffer.WrittenMemory, connectionLost.Token).ConfigureAwait(false);
            var reader = _queue.Reader;
            while (await reader.WaitToReadAsync(connectionLost.Token).ConfigureAwait(false))
            {
                var batch = FillBatch(reader);
                if (batch == 0) continue;
                try
                {
                    await stream.WriteAsync(_buffer.WrittenMemory, connectionLost.Token).ConfigureAwait(false);
                }
                catch
                {
                    _counters.AddDroppedOnConnectionLoss(batch);
                    throw;
                }
                _counters.AddSent(batch);
                _consecutiveFailures = 0;
            }
        }
        catch (OperationCanceledException) when (connectionLost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new IOException("the remote silo closed the connection");
        }
        finally
        {
            await connectionLost.CancelAsync().ConfigureAwait(false);
            await watcher.ConfigureAwait(false);
        }
    }

    /// <summary>Encodes queued messages into the buffer until it holds a batch's worth; returns how many.</summary>
    private int FillBatch(ChannelReader<Message> reader)
    {
        if (_buffer.Capacity > RetainedBufferBytes) _buffer = new ArrayBufferWriter<byte>(64 * 1024);
        _buffer.ResetWrittenCount();
        var count = 0;
        while (_buffer.WrittenCount < _options.MaxBatchBytes && reader.TryRead(out var message))
        {
            // A message the codec cannot carry is dropped here, not thrown: an exception would end this loop for good.
            var frameBytes = message.Entries.Count > MessageCodec.MaxEntries ? int.MaxValue : FrameLengthOrMax(message);
            if (frameBytes > _options.MaxFrameBytes)
            {
                _counters.AddDroppedTooLarge();
                _logger.MessageTooLarge(message.ToString(), _remote, frameBytes, _options.MaxFrameBytes);
                continue;
            }
            FrameCodec.WriteMessage(message, _buffer);
            count++;
        }
        return count;
    }

    private static int FrameLengthOrMax(Message message)
    {
        try
        {
            return FrameCodec.GetMessageFrameLength(message);
        }
        catch (ArgumentException)
        {
            return int.MaxValue;
        }
    }

    /// <summary>
    /// The receiving silo never writes, so a completed read means it closed or reset the connection. Watching
    /// for that finds a dead connection at once, not at the next write (which the kernel might still accept).
    /// </summary>
    private static async Task WatchForCloseAsync(NetworkStream stream, CancellationTokenSource connectionLost)
    {
        var scratch = new byte[64];
        try
        {
            while (await stream.ReadAsync(scratch, connectionLost.Token).ConfigureAwait(false) > 0)
            {
                // Bytes from the server are not part of the protocol; ignore them rather than fail.
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Any way the read ends, the connection is over.
        }
        await connectionLost.CancelAsync().ConfigureAwait(false);
    }

    private TimeSpan NextBackoff()
    {
        var exponent = Math.Min(_consecutiveFailures - 1, 20);
        var ceiling = Math.Min(_options.ReconnectDelayMax.Ticks, _options.ReconnectDelayMin.Ticks << exponent);
        // Equal jitter: half fixed, half random, so silos that lost a peer together do not retry in step.
        var half = ceiling / 2;
        return TimeSpan.FromTicks(half + Random.Shared.NextInt64(half + 1));
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        // Let the writer flush what is queued if it is connected; cut it off after the drain timeout.
        var drained = await Task.WhenAny(_writer, Task.Delay(_options.DrainTimeout, _time)).ConfigureAwait(false) == _writer;
        if (!drained) await _shutdown.CancelAsync().ConfigureAwait(false);
        try
        {
            await _writer.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected when the drain timed out.
        }
        _shutdown.Dispose();
    }
}

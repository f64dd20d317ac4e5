using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Raft.Core.Driver;
using Raft.Core.Messages;

namespace Raft.Silo.Transport;

/// <summary>
/// The sending side of a silo: routes each message by its peer id to the silo hosting that peer, and
/// queues it on that silo's one persistent connection. Messages to peers on this silo go straight to the
/// local sink. <see cref="Send"/> never blocks and never throws for network reasons: it drops and counts,
/// because Raft retransmits and a blocked send would stall a grain's turn.
/// </summary>
public sealed class SiloTransport : IMessageSender, IAsyncDisposable
{
    private readonly TransportOptions _options;
    private readonly IInboundMessageSink _localSink;
    private readonly ITransportFaults _faults;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>One connection per remote silo named in the routes, fixed at construction.</summary>
    private readonly Dictionary<string, OutboundSiloConnection> _connections = new(StringComparer.Ordinal);

    /// <summary>Cancels delayed deliveries still waiting when the transport is disposed.</summary>
    private readonly CancellationTokenSource _disposing = new();
    private int _disposed;

    public SiloTransport(
        TransportOptions options,
        IInboundMessageSink localSink,
        ILoggerFactory? loggerFactory = null,
        ITransportFaults? faults = null,
        TransportCounters? counters = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(localSink);
        options.Validate();
        _options = options;
        _localSink = localSink;
        _faults = faults ?? NoTransportFaults.Instance;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SiloTransport>();
        _time = timeProvider ?? TimeProvider.System;
        Counters = counters ?? new TransportCounters();
        foreach (var endpoint in options.Routes.Values.Distinct())
        {
            if (endpoint.SiloName == options.SiloName) continue;
            if (!_connections.TryAdd(endpoint.SiloName, new OutboundSiloConnection(endpoint, options, Counters, _logger, _time)))
            {
                throw new ArgumentException($"Silo {endpoint.SiloName} has two endpoints in the routes.", nameof(options));
            }
        }
    }

    /// <summary>Counts for metrics. Pass the same instance to this silo's listener to see both directions in one place.</summary>
    public TransportCounters Counters { get; }

    public void Send(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!_options.Routes.TryGetValue(message.To, out var endpoint))
        {
            Counters.AddDroppedUnroutable();
            _logger.Unroutable(message.ToString(), message.To);
            return;
        }
        if (endpoint.SiloName == _options.SiloName)
        {
            Counters.AddSentLocal();
            _localSink.Deliver(message);
            return;
        }
        var connection = _connections[endpoint.SiloName];
        var verdict = _faults.OnSend(_options.SiloName, endpoint.SiloName);
        if (verdict.Drop)
        {
            Counters.AddDroppedByFaults();
            return;
        }
        if (verdict.Delay > TimeSpan.Zero && Volatile.Read(ref _disposed) == 0)
        {
            _ = EnqueueLaterAsync(connection, message, verdict.Delay);
            return;
        }
        connection.TryEnqueue(message);
    }

    private async Task EnqueueLaterAsync(OutboundSiloConnection connection, Message message, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, _time, _disposing.Token).ConfigureAwait(false);
            connection.TryEnqueue(message);
        }
        catch (OperationCanceledException)
        {
            Counters.AddDroppedByFaults();
        }
    }

    /// <summary>Stops taking messages, lets each connection flush its queue (bounded by the drain timeout), and closes them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _disposing.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_connections.Values.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
        _disposing.Dispose();
    }
}

using System.Net;
using Microsoft.Extensions.Logging;
using Raft.Silo.Transport;

namespace Raft.Tests.Transport;

/// <summary>
/// Two silos on loopback with ephemeral ports: silo "A" hosts peer 1, silo "B" hosts peer 2. Each has a
/// listener, a sending transport, a recording sink and shared counters; both consult one NetworkFaults.
/// </summary>
internal sealed class SiloPair : IAsyncDisposable
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly TransportOptions _optionsB;

    private SiloPair(TransportOptions optionsB)
    {
        _loggerFactory = LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        _optionsB = optionsB;
    }

    public RecordingLoggerProvider Logs { get; } = new();
    public NetworkFaults Faults { get; } = new(seed: 1);
    public RecordingSink SinkA { get; } = new();
    public RecordingSink SinkB { get; } = new();
    public TransportCounters CountersA { get; } = new();
    public TransportCounters CountersB { get; } = new();
    public TransportListener ListenerA { get; private set; } = null!;
    public TransportListener ListenerB { get; private set; } = null!;
    public SiloTransport A { get; private set; } = null!;
    public SiloTransport B { get; private set; } = null!;

    public static async Task<SiloPair> StartAsync(int sendQueueCapacity = 4096, int maxFrameBytes = FrameCodec.DefaultMaxFrameBytes, TimeProvider? timeA = null)
    {
        var listenOptions = new TransportOptions { SiloName = "listener", MaxFrameBytes = maxFrameBytes };
        var loopback = new IPEndPoint(IPAddress.Loopback, 0);
        var pair = new SiloPair(listenOptions with { SiloName = "B" });
        var loggerFactory = pair._loggerFactory;
        pair.ListenerA = await TransportListener.StartAsync(loopback, listenOptions with { SiloName = "A" }, pair.SinkA, pair.CountersA, loggerFactory, pair.Faults);
        pair.ListenerB = await TransportListener.StartAsync(loopback, pair._optionsB, pair.SinkB, pair.CountersB, loggerFactory, pair.Faults);
        var routes = new Dictionary<int, SiloEndpoint>
        {
            [1] = new("A", "127.0.0.1", pair.ListenerA.EndPoint.Port),
            [2] = new("B", "127.0.0.1", pair.ListenerB.EndPoint.Port),
        };
        var options = new TransportOptions { SiloName = "A", Routes = routes, SendQueueCapacity = sendQueueCapacity, MaxFrameBytes = maxFrameBytes };
        pair.A = new SiloTransport(options, pair.SinkA, loggerFactory, pair.Faults, pair.CountersA, timeA);
        pair.B = new SiloTransport(options with { SiloName = "B" }, pair.SinkB, loggerFactory, pair.Faults, pair.CountersB);
        return pair;
    }

    /// <summary>Stops silo B's listener, closing its inbound connections.</summary>
    public ValueTask StopListenerBAsync() => ListenerB.DisposeAsync();

    /// <summary>Starts silo B's listener again on the port it had.</summary>
    public async Task StartListenerBAsync()
    {
        ListenerB = await TransportListener.StartAsync(ListenerB.EndPoint, _optionsB, SinkB, CountersB, _loggerFactory, Faults);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        await ListenerA.DisposeAsync();
        await ListenerB.DisposeAsync();
        _loggerFactory.Dispose();
    }
}

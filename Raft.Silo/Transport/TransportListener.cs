using System.Net;
using Microsoft.Extensions.Logging;
using Raft.Silo.Hosting;

namespace Raft.Silo.Transport;

/// <summary>
/// A Kestrel server that does nothing but receive silo-to-silo frames, for a process (or a test) that does
/// not already run a WebApplication. Bind to port 0 and read <see cref="EndPoint"/> to learn the port chosen.
/// </summary>
public sealed class TransportListener : IAsyncDisposable
{
    private readonly SoloKestrelListener _listener;

    private TransportListener(SoloKestrelListener listener) => _listener = listener;

    /// <summary>The bound address, with the real port when port 0 was asked for.</summary>
    public IPEndPoint EndPoint => _listener.EndPoint;

    public static async Task<TransportListener> StartAsync(
        IPEndPoint bindTo,
        TransportOptions options,
        IInboundMessageSink sink,
        TransportCounters counters,
        ILoggerFactory? loggerFactory = null,
        ITransportFaults? faults = null,
        CancellationToken cancellationToken = default) =>
        new(await SoloKestrelListener.StartAsync(
            bindTo,
            services => services.AddSiloTransportServer(options, sink, counters, faults),
            listen => listen.UseSiloTransport(),
            loggerFactory,
            cancellationToken).ConfigureAwait(false));

    /// <summary>Stops accepting, asks open connections to close, and releases the port.</summary>
    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}

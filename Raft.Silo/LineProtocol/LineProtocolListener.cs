using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Raft.Silo.Hosting;

namespace Raft.Silo.LineProtocol;

/// <summary>
/// A Kestrel server that serves nothing but the line protocol, for a process (or a test) that does not
/// already run a WebApplication. Bind to port 0 and read <see cref="EndPoint"/> to learn the port chosen.
/// </summary>
public sealed class LineProtocolListener : IAsyncDisposable
{
    private readonly SoloKestrelListener _listener;

    private LineProtocolListener(SoloKestrelListener listener) => _listener = listener;

    /// <summary>The bound address, with the real port when port 0 was asked for.</summary>
    public IPEndPoint EndPoint => _listener.EndPoint;

    public static async Task<LineProtocolListener> StartAsync(
        IPEndPoint bindTo,
        ILineStore store,
        LineProtocolOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default) =>
        new(await SoloKestrelListener.StartAsync(
            bindTo,
            services =>
            {
                if (timeProvider is not null) services.AddSingleton(timeProvider);
                services.AddLineProtocolServer(options, store);
            },
            listen => listen.UseLineProtocol(),
            loggerFactory,
            cancellationToken).ConfigureAwait(false));

    /// <summary>Stops accepting, asks open sessions to close, and releases the port.</summary>
    public ValueTask DisposeAsync() => _listener.DisposeAsync();
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Raft.Silo.LineProtocol;

/// <summary>
/// A Kestrel server that serves nothing but the line protocol, for a process (or a test) that does not
/// already run a WebApplication. Bind to port 0 and read <see cref="EndPoint"/> to learn the port chosen.
/// </summary>
public sealed class LineProtocolListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private LineProtocolListener(WebApplication app, IPEndPoint endPoint)
    {
        _app = app;
        EndPoint = endPoint;
    }

    /// <summary>The bound address, with the real port when port 0 was asked for.</summary>
    public IPEndPoint EndPoint { get; }

    public static async Task<LineProtocolListener> StartAsync(
        IPEndPoint bindTo,
        ILineStore store,
        LineProtocolOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bindTo);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory ?? NullLoggerFactory.Instance));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        if (timeProvider is not null) builder.Services.AddSingleton(timeProvider);
        builder.Services.AddLineProtocolServer(options, store);
        ListenOptions? listen = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(bindTo, l => listen = l.UseLineProtocol()));
        var app = builder.Build();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        // Kestrel writes the bound endpoint back into the listen options once it has bound.
        var bound = listen?.IPEndPoint ?? throw new InvalidOperationException("Kestrel did not report the bound endpoint.");
        return new LineProtocolListener(app, bound);
    }

    /// <summary>Stops accepting, asks open sessions to close, and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Raft.Silo.Hosting;

/// <summary>
/// A Kestrel server with one endpoint and one connection handler, for a process (or a test) that does not
/// already run a WebApplication: the transport's and the line protocol's standalone listeners. Bind to port
/// 0 and read <see cref="EndPoint"/> to learn the port chosen.
/// </summary>
public sealed class SoloKestrelListener : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private SoloKestrelListener(WebApplication app, IPEndPoint endPoint)
    {
        _app = app;
        EndPoint = endPoint;
    }

    /// <summary>The bound address, with the real port when port 0 was asked for.</summary>
    public IPEndPoint EndPoint { get; }

    /// <param name="services">Registers what the connection handler needs.</param>
    /// <param name="useHandler">Puts the connection handler on the endpoint (e.g. <c>l => l.UseLineProtocol()</c>).</param>
    public static async Task<SoloKestrelListener> StartAsync(
        IPEndPoint bindTo,
        Action<IServiceCollection> services,
        Func<ListenOptions, ListenOptions> useHandler,
        ILoggerFactory? loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bindTo);
        ArgumentNullException.ThrowIfNull(services);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.Services.Replace(ServiceDescriptor.Singleton(loggerFactory ?? NullLoggerFactory.Instance));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        services(builder.Services);
        ListenOptions? listen = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(bindTo, l => listen = useHandler(l)));
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
        return new SoloKestrelListener(app, bound);
    }

    /// <summary>Stops accepting, asks open connections to close, and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}

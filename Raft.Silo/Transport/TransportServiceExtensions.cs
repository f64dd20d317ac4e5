using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Raft.Silo.Transport;

/// <summary>
/// Wiring for a host's own WebApplication: register the transport's services, then put the connection
/// handler on a Kestrel endpoint of its own (the client HTTP API keeps a separate port).
/// </summary>
public static class TransportServiceExtensions
{
    /// <summary>Registers what <see cref="TransportConnectionHandler"/> needs.</summary>
    public static IServiceCollection AddSiloTransportServer(
        this IServiceCollection services,
        TransportOptions options,
        IInboundMessageSink sink,
        TransportCounters counters,
        ITransportFaults? faults = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(sink);
        services.AddSingleton(counters);
        services.AddSingleton(faults ?? NoTransportFaults.Instance);
        return services;
    }

    /// <summary>Serves silo-to-silo frames on this endpoint instead of HTTP.</summary>
    public static ListenOptions UseSiloTransport(this ListenOptions listenOptions)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        listenOptions.UseConnectionHandler<TransportConnectionHandler>();
        return listenOptions;
    }
}

using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Raft.Silo.LineProtocol;

/// <summary>
/// Wiring for a host's own WebApplication: register the line protocol's services, then put the connection
/// handler on a Kestrel endpoint of its own (HTTP and the silo transport keep their ports).
/// </summary>
public static class LineProtocolServiceExtensions
{
    /// <summary>Registers what <see cref="LineProtocolConnectionHandler"/> needs, with this store instance.</summary>
    public static IServiceCollection AddLineProtocolServer(this IServiceCollection services, LineProtocolOptions options, ILineStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        services.AddLineProtocolServer(options);
        services.AddSingleton(store);
        return services;
    }

    /// <summary>Registers the options and a clock; the host registers <see cref="ILineStore"/> itself (for a store built by DI).</summary>
    public static IServiceCollection AddLineProtocolServer(this IServiceCollection services, LineProtocolOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Serves the line protocol on this endpoint instead of HTTP.</summary>
    public static ListenOptions UseLineProtocol(this ListenOptions listenOptions)
    {
        ArgumentNullException.ThrowIfNull(listenOptions);
        listenOptions.UseConnectionHandler<LineProtocolConnectionHandler>();
        return listenOptions;
    }
}

using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Raft.Silo.Configuration;
using Raft.Silo.Transport;

namespace Raft.Silo.Hosting;

/// <summary>
/// Registers the silo-to-silo transport: the routing table from the static membership (every peer id to
/// the silo hosting it), the outbound <see cref="SiloTransport"/> behind the remote-routing seam, and what
/// the inbound connection handler needs. Faults default to none; the TestCluster registers its own
/// <see cref="NetworkFaults"/> first.
/// </summary>
public static class SiloTransportRegistration
{
    public static IServiceCollection AddSiloToSiloTransport(this IServiceCollection services, SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transportOptions = new TransportOptions { SiloName = options.Name, Routes = RoutesOf(options) };
        services.AddSingleton(transportOptions);
        services.AddSingleton<TransportCounters>();
        services.TryAddSingleton<ITransportFaults>(NoTransportFaults.Instance);
        services.AddSingleton<GrainInboundSink>();
        services.AddSingleton<IInboundMessageSink>(sp => sp.GetRequiredService<GrainInboundSink>());
        services.AddSingleton(sp => new SiloTransport(
            transportOptions,
            sp.GetRequiredService<IInboundMessageSink>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<ITransportFaults>(),
            sp.GetRequiredService<TransportCounters>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IRemoteMessageSender, TransportRemoteMessageSender>();
        return services;
    }

    /// <summary>Whether any peer of the group lives on another silo, so the transport must listen.</summary>
    public static bool HasRemoteMembers(SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Members.Any(m => m.Name != options.Name && m.PeerIds.Count > 0);
    }

    public static Dictionary<int, SiloEndpoint> RoutesOf(SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var routes = new Dictionary<int, SiloEndpoint>();
        foreach (var member in options.Members)
        {
            var (host, port) = SplitHostPort(member.SiloAddress);
            foreach (var peer in member.PeerIds) routes[peer] = new SiloEndpoint(member.Name, host, port);
        }
        return routes;
    }

    /// <summary>"host:port" to its parts; the options validator has already refused malformed ones.</summary>
    public static (string Host, int Port) SplitHostPort(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            throw new SiloOptionsException($"'{address}' is not host:port");
        return (address[..colon], port);
    }
}

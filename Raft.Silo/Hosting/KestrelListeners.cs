using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Raft.Silo.Configuration;

namespace Raft.Silo.Hosting;

/// <summary>
/// Puts each of a silo's doors on its own Kestrel endpoint: client HTTP, silo-to-silo frames, and the
/// seeds' line protocol. Explicit listeners replace UseUrls so that one server serves all three.
/// </summary>
public static class KestrelListeners
{
    /// <summary>Listens on "http://host:port" (the client API).</summary>
    public static void ListenUrl(KestrelServerOptions kestrel, string url)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        var uri = new Uri(url);
        Listen(kestrel, uri.Host, uri.Port, null);
    }

    /// <summary>Listens on "host:port" with a connection handler other than HTTP.</summary>
    public static void ListenHostPort(KestrelServerOptions kestrel, string address, Action<ListenOptions> configure)
    {
        var (host, port) = HostPort.Split(address);
        Listen(kestrel, host, port, configure);
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, Action<ListenOptions>? configure)
    {
        configure ??= static _ => { };
        if (host is "localhost") kestrel.ListenLocalhost(port, configure);
        else if (host is "*" or "+" or "0.0.0.0") kestrel.ListenAnyIP(port, configure);
        else if (IPAddress.TryParse(host, out var ip)) kestrel.Listen(ip, port, configure);
        else kestrel.Listen(Dns.GetHostAddresses(host)[0], port, configure);
    }
}

using System.Globalization;

namespace Raft.Client.Cluster;

/// <summary>Parses the <c>--gateways</c> list: "host:port,host:port,..." (IPv6 as "[::1]:30000").</summary>
internal static class GatewayList
{
    /// <summary>The gateways in the order given, duplicates dropped. Throws <see cref="FormatException"/> on a bad entry.</summary>
    public static IReadOnlyList<GatewayAddress> Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new FormatException("no gateways given");
        var gateways = new List<GatewayAddress>();
        foreach (var part in parts)
        {
            var gateway = ParseOne(part);
            if (!gateways.Contains(gateway)) gateways.Add(gateway);
        }
        return gateways;
    }

    private static GatewayAddress ParseOne(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal)) throw new FormatException($"'{text}' is a URL; a gateway is host:port (the silo's Orleans gateway, not its HTTP address)");
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new FormatException($"'{text}' is not host:port with a port from 1 to 65535");
        var host = text[..colon];
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        else if (host.Contains(':', StringComparison.Ordinal)) throw new FormatException($"'{text}': an IPv6 address goes in brackets, as [::1]:30000");
        if (host.Length == 0) throw new FormatException($"'{text}' names no host");
        return new GatewayAddress(host, port);
    }
}

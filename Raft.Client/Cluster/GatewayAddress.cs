using System.Globalization;

namespace Raft.Client.Cluster;

/// <summary>One silo's Orleans gateway as the user named it: a host name or IP address, and a port.</summary>
internal sealed record GatewayAddress(string Host, int Port)
{
    /// <summary>"host:port", IPv6 in brackets, as the user would write it.</summary>
    public override string ToString() =>
        (Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]" : Host) + ":" + Port.ToString(CultureInfo.InvariantCulture);
}

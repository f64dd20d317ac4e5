namespace Raft.Silo.Configuration;

/// <summary>
/// One member: <see cref="Port"/> serves clients (HTTP), <see cref="InternalPort"/> other silos (the Orleans
/// silo endpoint), <see cref="GatewayPort"/> Orleans clients (optional in the file: internal_port + 1000).
/// </summary>
public sealed record ClusterFileAddress(string Ip, int Port, int InternalPort, int GatewayPort)
{
    /// <summary>Ip as it goes into a URL or "host:port" (IPv6 in brackets).</summary>
    public string Host => Ip.Contains(':', StringComparison.Ordinal) ? $"[{Ip}]" : Ip;
}

using System.Text.Json.Serialization;

namespace Raft.Silo.Configuration;

/// <summary>The seeds' cluster file: <c>{"addresses":[{"ip":"127.0.0.1","port":P,"internal_port":Q}, ...]}</c>.</summary>
public sealed record ClusterFile(IReadOnlyList<ClusterFileAddress> Addresses);

/// <summary>One member: <see cref="Port"/> serves clients (HTTP), <see cref="InternalPort"/> other silos.</summary>
public sealed record ClusterFileAddress(string Ip, int Port, int InternalPort)
{
    /// <summary>Ip as it goes into a URL or "host:port" (IPv6 in brackets).</summary>
    public string Host => Ip.Contains(':', StringComparison.Ordinal) ? $"[{Ip}]" : Ip;
}

/// <summary>The file's JSON shape, every field optional so a missing one gets a clear message instead of a null.</summary>
internal sealed class ClusterFileJson
{
    [JsonPropertyName("addresses")]
    public List<ClusterFileAddressJson?>? Addresses { get; set; }
}

internal sealed class ClusterFileAddressJson
{
    [JsonPropertyName("ip")]
    public string? Ip { get; set; }

    [JsonPropertyName("port")]
    public int? Port { get; set; }

    [JsonPropertyName("internal_port")]
    public int? InternalPort { get; set; }
}

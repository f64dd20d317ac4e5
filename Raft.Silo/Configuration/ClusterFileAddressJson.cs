using System.Text.Json.Serialization;

namespace Raft.Silo.Configuration;

/// <summary>One address entry as written in the file; checked by <see cref="ClusterFileReader"/>.</summary>
internal sealed class ClusterFileAddressJson
{
    [JsonPropertyName("ip")]
    public string? Ip { get; set; }

    [JsonPropertyName("port")]
    public int? Port { get; set; }

    [JsonPropertyName("internal_port")]
    public int? InternalPort { get; set; }

    [JsonPropertyName("gateway_port")]
    public int? GatewayPort { get; set; }
}

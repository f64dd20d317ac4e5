namespace Raft.Silo.Configuration;

/// <summary>One silo of the cluster as every other silo sees it (the static membership table).</summary>
public sealed class SiloMemberOptions
{
    public string Name { get; set; } = "";

    /// <summary>Its silo-to-silo address, "host:port": the Orleans silo endpoint.</summary>
    public string SiloAddress { get; set; } = "";

    /// <summary>Its Orleans gateway, "host:port", where Orleans clients (the console) connect; empty when not known.</summary>
    public string GatewayAddress { get; set; } = "";

    /// <summary>Its client HTTP URL, where a follower redirects clients to.</summary>
    public string ClientUrl { get; set; } = "";

    /// <summary>The Raft peer ids it hosts; each id is hosted by exactly one member.</summary>
    public List<int> PeerIds { get; set; } = [];

    public override string ToString() => $"{Name} client={ClientUrl} silo={SiloAddress} gateway={GatewayAddress} peers={string.Join(",", PeerIds)}";
}

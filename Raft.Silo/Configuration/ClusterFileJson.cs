using System.Text.Json.Serialization;

namespace Raft.Silo.Configuration;

/// <summary>The file's JSON shape, every field optional so a missing one gets a clear message instead of a null.</summary>
internal sealed class ClusterFileJson
{
    [JsonPropertyName("addresses")]
    public List<ClusterFileAddressJson?>? Addresses { get; set; }

    [JsonPropertyName("initial_voters")]
    public int? InitialVoters { get; set; }
}

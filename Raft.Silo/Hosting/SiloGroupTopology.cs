using Raft.Grains.Client;
using Raft.Silo.Configuration;

namespace Raft.Silo.Hosting;

/// <summary>The Raft group as this silo's options describe it (the static membership of peers to members).</summary>
public sealed class SiloGroupTopology(SiloOptions options) : IRaftGroupTopology
{
    public IReadOnlyList<int> AllPeers { get; } = options.GroupPeerIds();

    public IReadOnlyList<int> LocalPeers { get; } = options.FindSelf().PeerIds.Order().ToArray();

    public string? ClientAddressOf(int peerId) => options.FindHostOf(peerId)?.ClientUrl;

    public string SiloOf(int peerId) => options.FindHostOf(peerId)?.Name ?? "?";
}

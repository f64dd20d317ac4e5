namespace Raft.Grains.Client;

/// <summary>The Raft group as this silo's configuration describes it: which peers exist, which live here, where each one's silo serves clients.</summary>
public interface IRaftGroupTopology
{
    /// <summary>Every peer of the group, ascending.</summary>
    IReadOnlyList<int> AllPeers { get; }

    /// <summary>The peers hosted by this silo.</summary>
    IReadOnlyList<int> LocalPeers { get; }

    /// <summary>The client HTTP address of the silo hosting the peer (for not-leader answers), or null.</summary>
    string? ClientAddressOf(int peerId);

    /// <summary>The name of the member hosting the peer.</summary>
    string SiloOf(int peerId);
}

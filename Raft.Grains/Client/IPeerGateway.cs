using Raft.Core.Node;
using Raft.Grains.StateMachine;

namespace Raft.Grains.Client;

/// <summary>
/// Location-transparent access to any peer of the group (Orleans: a grain reference): a peer on this silo
/// is called directly, a peer on another silo through that silo's internal endpoints. Proposals are
/// stamped with the leader silo's clock where the peer lives, so the timestamp in the log is the leader's.
/// </summary>
public interface IPeerGateway
{
    /// <summary>Every peer of the group, ascending.</summary>
    IReadOnlyList<int> AllPeers { get; }

    /// <summary>The peers hosted by this silo.</summary>
    IReadOnlyList<int> LocalPeers { get; }

    /// <summary>The client HTTP address of the silo hosting the peer (for not-leader answers), or null.</summary>
    string? ClientAddressOf(int peerId);

    /// <summary>The name of the silo hosting the peer.</summary>
    string SiloOf(int peerId);

    /// <summary>Proposes an encoded command at the peer; throws <see cref="PeerUnreachableException"/> when its silo cannot be reached.</summary>
    Task<ProposeReply> ProposeAsync(int peerId, byte[] command, CancellationToken cancellationToken);

    Task<ReadReply<CommandResult>> ReadAsync(int peerId, ReadQuery query, bool linearizable, CancellationToken cancellationToken);

    /// <summary>The peer's status, or null when its silo cannot be reached.</summary>
    Task<PeerStatus?> GetStatusAsync(int peerId, CancellationToken cancellationToken);
}

using Raft.Core.Members;
using Raft.Core.Node;
using Raft.Grains.Members;

namespace Raft.Grains.Client;

/// <summary>
/// The client grain's calls on peers, wherever they live: grain calls, with every way a call can fail to
/// reach its peer turned into <see cref="PeerUnreachableException"/> (or, for status, null).
/// </summary>
public interface IPeerGateway : IRaftGroupTopology
{
    /// <summary>Proposes an encoded command at the peer; throws <see cref="PeerUnreachableException"/> when its silo cannot be reached.</summary>
    Task<ProposeReply> ProposeAsync(int peerId, byte[] command, CancellationToken cancellationToken);

    Task<ReadReply> ReadAsync(int peerId, ReadQuery query, bool linearizable, CancellationToken cancellationToken);

    /// <summary>Proposes a membership change at the peer; throws <see cref="PeerUnreachableException"/> when its silo cannot be reached.</summary>
    Task<MembershipReply> ChangeMembershipAsync(int peerId, MembershipChange change, CancellationToken cancellationToken);

    /// <summary>Asks the peer to hand leadership to <paramref name="to"/>; throws <see cref="PeerUnreachableException"/> when its silo cannot be reached.</summary>
    Task<TransferReply> TransferLeadershipAsync(int peerId, int to, CancellationToken cancellationToken);

    /// <summary>The peer's status, or null when its silo cannot be reached.</summary>
    Task<PeerStatus?> GetStatusAsync(int peerId, CancellationToken cancellationToken);
}

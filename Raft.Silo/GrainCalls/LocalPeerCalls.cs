using Raft.Core.Node;
using Raft.Grains;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;
using Raft.Silo.Hosting;

namespace Raft.Silo.GrainCalls;

/// <summary>
/// Calls on a peer hosted by this silo, shared by the local gateway and the /internal endpoints. A proposal
/// is stamped here with this silo's clock: only a leader accepts it, so the timestamp in the log entry is
/// the leader's, and every peer judges expiry by it.
/// </summary>
public sealed class LocalPeerCalls(GrainFactory grains, TimeProvider timeProvider)
{
    public Task<ProposeReply> ProposeAsync(int peerId, byte[] command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var stamped = (byte[])command.Clone();
        if (stamped.Length > CommandCodec.TimestampOffset + sizeof(long))
            CommandCodec.StampTimestamp(stamped, timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
        return grains.GetRaftPeer(peerId).ProposeAsync(stamped, cancellationToken);
    }

    public Task<ReadReply<CommandResult>> ReadAsync(int peerId, ReadQuery query, bool linearizable, CancellationToken cancellationToken) =>
        grains.GetRaftPeer(peerId).ReadAsync(query.Run, linearizable, cancellationToken);

    public Task<PeerStatus> GetStatusAsync(int peerId) => grains.GetRaftPeer(peerId).GetStatusAsync();

    public bool Hosts(int peerId) => grains.TryGetRaftPeer(peerId, out _);
}

using Raft.Core.Members;
using Raft.Core.Node;
using Raft.Grains.Members;
using Raft.Grains.Placement;

namespace Raft.Grains.Client;

/// <summary>
/// Grain calls on peers for the client grain. Proposals and reads get a deadline a little past the peer's
/// own timeout, and status calls a short one, so a call to a silo that died without a word fails in
/// bounded time instead of Orleans' response timeout.
/// </summary>
public sealed class GrainPeerGateway(IGrainFactory grains, IRaftGroupTopology topology, TimeSpan callTimeout, TimeSpan statusTimeout) : IPeerGateway
{
    public IReadOnlyList<int> AllPeers => topology.AllPeers;

    public IReadOnlyList<int> LocalPeers => topology.LocalPeers;

    public string? ClientAddressOf(int peerId) => topology.ClientAddressOf(peerId);

    public string SiloOf(int peerId) => topology.SiloOf(peerId);

    public Task<ProposeReply> ProposeAsync(int peerId, byte[] command, CancellationToken cancellationToken) =>
        CallAsync(peerId, callTimeout, (peer, ct) => peer.ProposeAsync(command, ct), cancellationToken);

    public Task<ReadReply> ReadAsync(int peerId, ReadQuery query, bool linearizable, CancellationToken cancellationToken) =>
        CallAsync(peerId, callTimeout, (peer, ct) => peer.ReadAsync(query, linearizable, ct), cancellationToken);

    public Task<MembershipReply> ChangeMembershipAsync(int peerId, MembershipChange change, CancellationToken cancellationToken) =>
        CallAsync(peerId, callTimeout, (peer, ct) => peer.ChangeMembershipAsync(change, ct), cancellationToken);

    public Task<TransferReply> TransferLeadershipAsync(int peerId, int to, CancellationToken cancellationToken) =>
        CallAsync(peerId, callTimeout, (peer, ct) => peer.TransferLeadershipAsync(to, ct), cancellationToken);

    public async Task<PeerStatus?> GetStatusAsync(int peerId, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync(peerId, statusTimeout, (peer, ct) => peer.GetStatusAsync(ct), cancellationToken).ConfigureAwait(true);
        }
        catch (PeerUnreachableException)
        {
            return null;
        }
    }

    private async Task<T> CallAsync<T>(int peerId, TimeSpan timeout, Func<IRaftPeerGrain, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await call(grains.GetGrain<IRaftPeerGrain>(peerId), deadline.Token).ConfigureAwait(true);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PeerUnreachableException(peerId, $"no answer within {timeout.TotalMilliseconds:F0} ms", e);
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            throw new PeerUnreachableException(peerId, e.Message, e);
        }
    }

    /// <summary>The ways a call fails without reaching a working peer: its silo is down or unknown, the link is cut, or the peer stopped.</summary>
    private static bool IsUnreachable(Exception e) =>
        e is PeerSiloUnavailableException or OrleansException or TimeoutException or UnknownPeerException;
}

using Raft.Core.Members;
using Raft.Core.Node;
using Raft.Grains.Members;
using Raft.Grains.Placement;

namespace Raft.Grains.Client;

/// <summary>
/// Grain calls on peers for the client grain. Proposals and reads get a deadline a little past the peer's
/// own timeout, and status calls a short one, so a call to a silo that died without a word fails in
/// bounded time instead of Orleans' response timeout. Proposals travel in batches (<see cref="ProposalBatcher"/>).
/// </summary>
public sealed class GrainPeerGateway : IPeerGateway
{
    private readonly IGrainFactory _grains;
    private readonly IRaftGroupTopology _topology;
    private readonly TimeSpan _callTimeout;
    private readonly TimeSpan _statusTimeout;
    private readonly ProposalBatcher _batcher;
    // Grain references are immutable and resolving one costs a type lookup: one per peer, made once.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, IRaftPeerGrain> _peers = new();

    public GrainPeerGateway(IGrainFactory grains, IRaftGroupTopology topology, TimeSpan callTimeout, TimeSpan statusTimeout, ProposalBatchLimits batchLimits)
    {
        (_grains, _topology, _callTimeout, _statusTimeout) = (grains, topology, callTimeout, statusTimeout);
        // A batch serves many callers, so it has only the call's own deadline; each caller still stops waiting on its own token.
        _batcher = new ProposalBatcher(
            (peerId, commands) => CallAsync(peerId, _callTimeout, (peer, ct) => peer.ProposeBatchAsync(commands, ct), CancellationToken.None),
            batchLimits);
    }

    public IReadOnlyList<int> AllPeers => _topology.AllPeers;

    public IReadOnlyList<int> LocalPeers => _topology.LocalPeers;

    public string? ClientAddressOf(int peerId) => _topology.ClientAddressOf(peerId);

    public string SiloOf(int peerId) => _topology.SiloOf(peerId);

    public Task<ProposeReply> ProposeAsync(int peerId, byte[] command, CancellationToken cancellationToken) =>
        _batcher.ProposeAsync(peerId, command, cancellationToken);

    public Task<ReadReply> ReadAsync(int peerId, ReadQuery query, bool linearizable, CancellationToken cancellationToken) =>
        CallAsync(peerId, _callTimeout, (peer, ct) => peer.ReadAsync(query, linearizable, ct), cancellationToken);

    public Task<MembershipReply> ChangeMembershipAsync(int peerId, MembershipChange change, CancellationToken cancellationToken) =>
        CallAsync(peerId, _callTimeout, (peer, ct) => peer.ChangeMembershipAsync(change, ct), cancellationToken);

    public Task<TransferReply> TransferLeadershipAsync(int peerId, int to, CancellationToken cancellationToken) =>
        CallAsync(peerId, _callTimeout, (peer, ct) => peer.TransferLeadershipAsync(to, ct), cancellationToken);

    public async Task<PeerStatus?> GetStatusAsync(int peerId, CancellationToken cancellationToken)
    {
        try
        {
            return await CallAsync(peerId, _statusTimeout, (peer, ct) => peer.GetStatusAsync(ct), cancellationToken).ConfigureAwait(true);
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
            return await call(_peers.GetOrAdd(peerId, static (id, grains) => grains.GetGrain<IRaftPeerGrain>(id), _grains), deadline.Token).ConfigureAwait(true);
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

using Raft.Core.Node;
using Raft.Core.Members;
using Raft.Grains.Client;
using Raft.Grains.Members;

namespace Raft.Grains;

/// <summary>
/// One Raft peer as an Orleans grain, keyed by its peer id. Its turns never wait for another peer or for its
/// own disk: Raft traffic is one-way, and the methods that wait for a commit or a read interleave, having
/// changed the peer's state synchronously before their first await.
/// </summary>
[Alias("raft.peer")]
public interface IRaftPeerGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Proposes a command and completes once it is committed and applied at this peer, with the state
    /// machine's result; or with a typed refusal (<see cref="ProposeStatus"/>). Only a leader accepts.
    /// </summary>
    [AlwaysInterleave, Alias("propose")]
    Task<ProposeReply> ProposeAsync(byte[] command, CancellationToken cancellationToken);

    /// <summary>
    /// Proposes commands in order, all in one turn (consecutive entries, one append to each follower), and
    /// completes once each is decided, with one reply per command in the same order. A batch of more than
    /// <see cref="Client.ProposalBatchLimits.MaxCommandsPerCall"/> is refused whole: the answer is empty.
    /// </summary>
    [AlwaysInterleave, Alias("propose-batch")]
    Task<ProposeReply[]> ProposeBatchAsync(byte[][] commands, CancellationToken cancellationToken);

    /// <summary>
    /// Runs a query against this peer's state machine. Linearizable: only at the leader, after a ReadIndex
    /// round confirms its leadership and the peer has applied up to the read index (dissertation §6.4).
    /// Stale: at once, on whatever this peer has applied.
    /// </summary>
    [AlwaysInterleave, Alias("read")]
    Task<ReadReply> ReadAsync(ReadQuery query, bool linearizable, CancellationToken cancellationToken);

    /// <summary>
    /// Adds, promotes or removes one server (dissertation §4.1) and completes once the configuration entry is
    /// committed and applied at this peer; or with a typed refusal that changed nothing, or Timeout after the
    /// proposal timeout (the change may still commit). Only a leader accepts.
    /// </summary>
    [AlwaysInterleave, Alias("change-membership")]
    Task<MembershipReply> ChangeMembershipAsync(MembershipChange change, CancellationToken cancellationToken);

    /// <summary>
    /// Hands leadership to the voter <paramref name="to"/> (dissertation §3.10) and completes once this peer
    /// follows it, or with a typed failure; bounded by about two election timeouts. Only a leader accepts;
    /// proposals are refused (Transferring) meanwhile.
    /// </summary>
    [AlwaysInterleave, Alias("transfer-leadership")]
    Task<TransferReply> TransferLeadershipAsync(int to, CancellationToken cancellationToken);

    /// <summary>A snapshot of the peer's Raft state.</summary>
    [AlwaysInterleave, Alias("status")]
    Task<PeerStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>What the Raft dashboard draws of this peer, with at most <paramref name="logCells"/> entries of its log's tail.</summary>
    [AlwaysInterleave, Alias("dashboard-view")]
    Task<Dashboard.PeerDashboardView> GetDashboardViewAsync(int logCells, CancellationToken cancellationToken = default);

    /// <summary>
    /// A demo control: a paused peer neither ticks nor steps messages and refuses callers, as if its process
    /// had stopped, until resumed. Not durable: a new activation starts unpaused.
    /// </summary>
    [AlwaysInterleave, Alias("set-paused")]
    Task SetPausedAsync(bool paused, CancellationToken cancellationToken = default);

    /// <summary>One-way delivery of Raft messages: returns at once; the messages are stepped in a later turn.</summary>
    [OneWay, Alias("deliver")]
    Task DeliverAsync(MessageBatch batch);
}

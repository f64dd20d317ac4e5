using Raft.Grains.StateMachine;

namespace Raft.Grains.Client;

/// <summary>
/// What a silo's front doors (the HTTP API and the line protocol) ask of the cluster: submit a command and
/// wait until it is committed and applied, read linearizably (or stale, when asked), and describe the
/// cluster. The client grain implements it; it finds the leader wherever it is, retries across timeouts
/// and leader changes with the same session and sequence, and never applies a command twice.
/// </summary>
[Alias("raft.client")]
public interface IClientGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Submits a state-changing operation. With <paramref name="requestId"/>, a retry of the same id and
    /// sequence (from any silo) returns the recorded result instead of applying again.
    /// </summary>
    [Alias("submit")]
    Task<CommandOutcome> SubmitAsync(Operation operation, ClientRequestId? requestId, CancellationToken cancellationToken);

    /// <summary>Reads a key: linearizable through ReadIndex at the leader, or this silo's possibly stale copy.</summary>
    [Alias("read")]
    Task<CommandOutcome> ReadAsync(string key, ReadConsistency consistency, CancellationToken cancellationToken);

    /// <summary>The topics in creation order, read like <see cref="ReadAsync"/>.</summary>
    [Alias("list-topics")]
    Task<CommandOutcome> ListTopicsAsync(ReadConsistency consistency, CancellationToken cancellationToken);

    [Alias("cluster-status")]
    Task<ClusterStatus> GetClusterStatusAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Adds, promotes or removes one server at the leader and waits until the change is committed, or answers
    /// why not (<see cref="Members.MembershipStatus"/>). Not-leader answers, a leader not ready yet and a
    /// transfer in progress are waited out up to the request timeout; an unknown outcome is never retried.
    /// </summary>
    [Alias("change-membership")]
    Task<MembershipOutcome> ChangeMembershipAsync(Core.Members.MembershipChange change, CancellationToken cancellationToken);

    /// <summary>Moves leadership to the voter <paramref name="to"/> and waits until it leads, or answers why not.</summary>
    [Alias("transfer-leadership")]
    Task<LeaderTransferOutcome> TransferLeadershipAsync(int to, CancellationToken cancellationToken);

    /// <summary>Voters, learners, the leader and every configured peer with its silo and, when the leader knows it, its match index.</summary>
    [Alias("members")]
    Task<MembersView> GetMembersAsync(CancellationToken cancellationToken);
}

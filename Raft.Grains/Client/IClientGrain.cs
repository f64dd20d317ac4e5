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
}

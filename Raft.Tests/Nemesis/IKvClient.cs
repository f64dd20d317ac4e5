using Raft.Simulator.Checking.Linearizability;

namespace Raft.Tests.Nemesis;

/// <summary>
/// One workload client's door into the cluster, in-process (a silo's client grain) or over HTTP (a silo
/// process). Each call returns the state machine's answer, or null when the outcome is unknown (timeout,
/// dead silo, cut network): the history then treats the operation as possibly applied at any later time.
/// <see cref="NotApplied"/> marks a request that certainly never arrived; the history leaves it out.
/// </summary>
internal interface IKvClient
{
    Task<KvOutput?> PutAsync(string key, string value, CancellationToken cancellationToken);

    /// <summary>A linearizable read; null when it failed (a failed read changes nothing and is left out).</summary>
    Task<KvOutput?> GetAsync(string key, CancellationToken cancellationToken);

    Task<KvOutput?> CasAsync(string key, long expectedVersion, string value, CancellationToken cancellationToken);

    /// <summary>True when acknowledged, false when it certainly never arrived, null when unknown.</summary>
    Task<bool?> EnqueueAsync(string topic, string message, CancellationToken cancellationToken);
}

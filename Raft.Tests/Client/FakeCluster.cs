using System.Collections.Concurrent;
using Raft.Client.Cluster;
using Raft.Grains.Client;
using Raft.Tests.Http;

namespace Raft.Tests.Client;

/// <summary>
/// A cluster for the console below its Orleans connection, so the console's tests need no Orleans: the
/// connector hands out connections whose client grain is <see cref="Grain"/> (transport faults on demand)
/// over <see cref="State"/> (a real key-value state machine with real sessions, so versions are log indexes
/// and a retried request id gets the recorded answer). It records every connection asked for.
/// </summary>
internal sealed class FakeCluster : IClusterConnector
{
    private int _disposed;

    public FakeCluster()
    {
        Grain = new FaultingClientGrain(State);
    }

    public FakeClusterClient State { get; } = new();

    public FaultingClientGrain Grain { get; }

    /// <summary>The settings of every connection opened, in order.</summary>
    public ConcurrentQueue<ClusterConnectionSettings> Connections { get; } = new();

    /// <summary>How many connections the console has closed.</summary>
    public int Disposed => _disposed;

    /// <summary>What <see cref="IClusterConnection.FindFirstGatewaySiloAsync"/> answers.</summary>
    public string? GatewaySilo { get; set; } = "silo-1";

    /// <summary>What <see cref="IClusterConnection.ReadMetricsAsync"/> answers for a silo's address; unset, no silo serves metrics.</summary>
    public Func<string, string?>? Metrics { get; set; }

    /// <summary>When set, connecting throws it instead of connecting.</summary>
    public Exception? ConnectFailure { get; set; }

    public Task<IClusterConnection> ConnectAsync(ClusterConnectionSettings settings, CancellationToken cancellationToken)
    {
        Connections.Enqueue(settings);
        if (ConnectFailure is { } failure) return Task.FromException<IClusterConnection>(failure);
        return Task.FromResult<IClusterConnection>(new Connection(this));
    }

    private sealed class Connection(FakeCluster cluster) : IClusterConnection
    {
        public IClientGrain ClientGrain => cluster.Grain;

        public Task<string?> FindFirstGatewaySiloAsync(CancellationToken cancellationToken) => Task.FromResult(cluster.GatewaySilo);

        public Task<string?> ReadMetricsAsync(string siloAddress, CancellationToken cancellationToken) => Task.FromResult(cluster.Metrics?.Invoke(siloAddress));

        public ValueTask DisposeAsync()
        {
            Interlocked.Increment(ref cluster._disposed);
            return ValueTask.CompletedTask;
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Raft.Core.Node;
using Raft.Grains;
using Raft.Grains.Client;

namespace Raft.TestCluster;

/// <summary>
/// One silo of a <see cref="TestCluster"/>: its identity (Orleans silo name, member of the Raft group), its
/// client URL and its storage stay fixed across stops and restarts; <see cref="Handle"/> is the running
/// TestingHost silo, or null while it is down.
/// </summary>
public sealed class TestSilo
{
    internal TestSilo(int instance, string name, int clientPort, string dataDirectory, IReadOnlyList<int> peerIds)
    {
        Instance = instance;
        Name = name;
        ClientPort = clientPort;
        DataDirectory = dataDirectory;
        PeerIds = peerIds;
    }

    /// <summary>TestingHost's instance number; the silo's name follows from it.</summary>
    public int Instance { get; }

    public string Name { get; }

    public int ClientPort { get; }

    public string ClientUrl => $"http://127.0.0.1:{ClientPort}";

    public string DataDirectory { get; }

    /// <summary>The silo's own PostgreSQL schema, when the cluster runs on PostgreSQL.</summary>
    public string? ConnectionString { get; internal set; }

    /// <summary>The Raft peers this silo hosts; empty for a silo added later, which only serves clients.</summary>
    public IReadOnlyList<int> PeerIds { get; }

    public InProcessSiloHandle? Handle { get; internal set; }

    public bool IsRunning => Handle is not null;

    public IServiceProvider Services => (Handle ?? throw new InvalidOperationException($"{Name} is not running")).SiloHost.Services;

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The silo's client grain: submits to the leader wherever it is, reads linearizably.</summary>
    public IClientGrain Client => Grains.GetGrain<IClientGrain>(0);

    public async Task<IReadOnlyList<PeerStatus>> PeerStatusesAsync(CancellationToken cancellationToken = default) =>
        await Task.WhenAll(PeerIds.Select(id => Grains.GetGrain<IRaftPeerGrain>(id).GetStatusAsync(cancellationToken))).ConfigureAwait(false);

    public override string ToString() => $"{Name} (peers {string.Join(",", PeerIds)}, {(IsRunning ? "up" : "down")})";
}

using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Raft.Core.Node;
using Raft.Grains.Client;
using Raft.Silo.Hosting;

namespace Raft.TestCluster;

/// <summary>
/// One silo of a <see cref="TestCluster"/>: its identity, addresses and storage stay fixed across stops
/// and restarts; <see cref="App"/> is the running process-in-a-process, or null while it is down.
/// </summary>
public sealed class TestSilo
{
    internal TestSilo(int index, string name, int clientPort, int siloPort, string dataDirectory, IReadOnlyList<int> peerIds)
    {
        Index = index;
        Name = name;
        ClientPort = clientPort;
        SiloPort = siloPort;
        DataDirectory = dataDirectory;
        PeerIds = peerIds;
    }

    public int Index { get; }

    public string Name { get; }

    public int ClientPort { get; }

    public int SiloPort { get; }

    public string ClientUrl => $"http://127.0.0.1:{ClientPort}";

    public string SiloAddress => $"127.0.0.1:{SiloPort}";

    public string DataDirectory { get; }

    /// <summary>The Raft peers this silo hosts; empty for a silo added later, which only serves clients.</summary>
    public IReadOnlyList<int> PeerIds { get; }

    public WebApplication? App { get; internal set; }

    public bool IsRunning => App is not null;

    public GrainFactory Grains => (App ?? throw new InvalidOperationException($"{Name} is not running")).Services.GetRequiredService<GrainFactory>();

    /// <summary>The silo's client grain: submits to the leader wherever it is, reads linearizably.</summary>
    public IClientGrain Client => (App ?? throw new InvalidOperationException($"{Name} is not running")).Services.GetRequiredService<IClientGrain>();

    public async Task<IReadOnlyList<PeerStatus>> PeerStatusesAsync() =>
        await Task.WhenAll(PeerIds.Select(id => Grains.GetRaftPeer(id).GetStatusAsync())).ConfigureAwait(false);

    public override string ToString() => $"{Name} (peers {string.Join(",", PeerIds)}, {(IsRunning ? "up" : "down")})";
}

using Microsoft.Extensions.Hosting;
using Raft.Grains;
using Raft.Silo.FrontDoor;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Raft.Core.Node;
using Raft.Silo;
using Raft.Silo.Configuration;
using Raft.Silo.Hosting;

namespace Raft.Tests.Hosting;

/// <summary>
/// One silo built exactly as the process builds it, hosting peers 1..5 with in-memory storage, a fast
/// tick, client HTTP and an Orleans gateway on free loopback ports and a recording state machine. Disposal stops it.
/// </summary>
public sealed class InProcessSilo : IAsyncDisposable
{
    public static readonly IReadOnlyList<int> PeerIds = [1, 2, 3, 4, 5];

    private InProcessSilo(IHost app, RecordingStateMachineFactory stateMachines)
    {
        App = app;
        StateMachines = stateMachines;
        Grains = app.Services.GetRequiredService<IGrainFactory>();
    }

    public IHost App { get; }

    public IGrainFactory Grains { get; }

    /// <summary>The client HTTP API's bound URL.</summary>
    public string ClientUrl => App.Services.GetRequiredService<ClientFrontDoor>().ClientAddresses[0];

    /// <summary>The Orleans gateway ("127.0.0.1:port") that Orleans clients such as Raft.Client connect through.</summary>
    public string GatewayAddress => App.Services.GetRequiredService<SiloOptions>().GatewayAddress;

    public RecordingStateMachineFactory StateMachines { get; }

    /// <param name="keyValueStore">True: the process's own key-value state machine instead of the recording one
    /// (for clients that put and get; <see cref="StateMachines"/> then stays empty).</param>
    public static async Task<InProcessSilo> StartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool keyValueStore = false)
    {
        var stateMachines = new RecordingStateMachineFactory();
        var configuration = new Dictionary<string, string?>
        {
            ["Raft:ClientUrl"] = "http://127.0.0.1:0",
            ["Raft:SiloAddress"] = $"127.0.0.1:{FreePort()}",
            ["Raft:GatewayAddress"] = $"127.0.0.1:{FreePort()}",
            ["Raft:Storage:DataDirectory"] = Path.Combine(Path.GetTempPath(), "raft-silo-" + Guid.NewGuid().ToString("N")[..12]),
            ["Raft:Storage:Provider"] = "memory",
            ["Raft:LinePort"] = "0",
            ["Raft:Timing:TickIntervalMs"] = "10",
            // 300-600 ms election timeouts: fast, yet a busy 2-core CI machine does not depose leaders mid-test.
            ["Raft:Timing:ElectionTicks"] = "30",
            ["Raft:Timing:HeartbeatTicks"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;
        var app = SiloApplication.Build(
            [],
            config => config.AddInMemoryCollection(configuration),
            collection =>
            {
                if (!keyValueStore) collection.AddSingleton<IStateMachineFactory>(stateMachines);
                services?.Invoke(collection);
            });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new InProcessSilo(app, stateMachines);
    }

    public async Task<IReadOnlyList<PeerStatus>> StatusesAsync() =>
        await Task.WhenAll(PeerIds.Select(id => Grains.GetGrain<IRaftPeerGrain>(id).GetStatusAsync(CancellationToken.None)));

    public async Task<string> DescribeAsync() => string.Join("\n", (await StatusesAsync()).Select(s => s.ToString()));

    /// <summary>Waits until every peer follows one leader in one term, and returns that leader's status.</summary>
    public async Task<PeerStatus> WaitForStableLeaderAsync()
    {
        PeerStatus? leader = null;
        await Eventually.UntilAsync(async () =>
        {
            var statuses = await StatusesAsync();
            leader = statuses.FirstOrDefault(s => s.Role == RaftRole.Leader);
            return leader is not null && statuses.All(s => s.Term == leader.Term && s.Leader == leader.Id);
        }, DescribeAsync);
        return leader!;
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync(CancellationToken.None);
        App.Dispose();
    }
}

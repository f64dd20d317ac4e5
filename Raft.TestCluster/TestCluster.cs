using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Raft.Core.Node;
using Raft.Silo;
using Raft.Silo.Hosting;
using Raft.Silo.Transport;

namespace Raft.TestCluster;

/// <summary>
/// Real silos in one process (Orleans: TestCluster): each on its own loopback ports with its own storage,
/// talking over the real silo-to-silo transport. Tests stop, kill, restart and partition them with the
/// verbs people use, and wait on conditions (never on bare sleeps); every wait fails with the cluster's
/// status in its message.
/// </summary>
public sealed partial class TestCluster : IAsyncDisposable
{
    private readonly List<TestSilo> _silos = [];
    private readonly string _root;

    private TestCluster(TestClusterOptions options)
    {
        Options = options;
        _root = Path.Combine(Path.GetTempPath(), "raft-testcluster-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_root);
    }

    public TestClusterOptions Options { get; }

    /// <summary>Faults every silo's transport consults on send and receive: partitions, drops, delay.</summary>
    public NetworkFaults Faults { get; } = new(seed: 1);

    public IReadOnlyList<TestSilo> Silos => _silos;

    public IEnumerable<TestSilo> RunningSilos => _silos.Where(s => s.IsRunning);

    /// <summary>Starts <paramref name="silos"/> silos, one Raft peer each (ids 1..n), and returns once all are up.</summary>
    public static async Task<TestCluster> StartAsync(int silos, TestClusterOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 1);
        var cluster = new TestCluster(options ?? new TestClusterOptions());
        for (var i = 0; i < silos; i++)
        {
            var name = $"silo-{i + 1}";
            cluster._silos.Add(new TestSilo(i, name, FreePorts.Next(), FreePorts.Next(), Path.Combine(cluster._root, name), [i + 1]));
        }
        try
        {
            await Task.WhenAll(cluster._silos.Select(cluster.LaunchAsync)).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return cluster;
    }

    public TestSilo Silo(int index) => _silos[index];

    /// <summary>
    /// Starts one more silo that hosts no Raft peer (the group's membership is static): it serves clients
    /// and forwards every request to the leader, like any other silo.
    /// </summary>
    public async Task<TestSilo> StartAdditionalSiloAsync()
    {
        var index = _silos.Count;
        var name = $"silo-{index + 1}";
        var silo = new TestSilo(index, name, FreePorts.Next(), FreePorts.Next(), Path.Combine(_root, name), []);
        _silos.Add(silo);
        await LaunchAsync(silo).ConfigureAwait(false);
        return silo;
    }

    public TestSilo SiloHosting(int peerId) => _silos.Single(s => s.PeerIds.Contains(peerId));

    private async Task LaunchAsync(TestSilo silo)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Raft:Name"] = silo.Name,
            ["Raft:ClientUrl"] = silo.ClientUrl,
            ["Raft:SiloAddress"] = silo.SiloAddress,
            ["Raft:Storage:Provider"] = Options.StorageProvider,
            ["Raft:Storage:DataDirectory"] = silo.DataDirectory,
            ["Raft:Timing:TickIntervalMs"] = Options.TickIntervalMs.ToString(CultureInfo.InvariantCulture),
            ["Raft:Timing:ElectionTicks"] = Options.ElectionTicks.ToString(CultureInfo.InvariantCulture),
            ["Raft:Timing:HeartbeatTicks"] = "1",
            ["Raft:Timing:ProposeTimeoutMs"] = Options.ProposeTimeoutMs.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = Options.LogLevel,
        };
        if (Options.StorageProvider == "postgresql")
        {
            settings["Raft:Storage:ConnectionString"] = await PostgresSchemas.ConnectionStringForAsync(
                Options.PostgresConnectionString ?? throw new InvalidOperationException("PostgresConnectionString is required for postgresql"),
                _root, silo.Name).ConfigureAwait(false);
        }
        foreach (var member in _silos)
        {
            var prefix = $"Raft:Members:{member.Index}:";
            settings[prefix + "Name"] = member.Name;
            settings[prefix + "ClientUrl"] = member.ClientUrl;
            settings[prefix + "SiloAddress"] = member.SiloAddress;
            for (var p = 0; p < member.PeerIds.Count; p++)
                settings[prefix + $"PeerIds:{p}"] = member.PeerIds[p].ToString(CultureInfo.InvariantCulture);
        }
        foreach (var (key, value) in Options.Settings) settings[key] = value;

        var app = SiloApplication.Build(
            [],
            config => config.AddInMemoryCollection(settings),
            services => services.AddSingleton<ITransportFaults>(Faults));
        try
        {
            await app.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        silo.App = app;
    }

    /// <summary>Graceful stop: turns finish, storage closes, connections say goodbye.</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var app = silo.App ?? throw new InvalidOperationException($"{silo.Name} is not running");
        silo.App = null;
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Abrupt stop: the silo is cut off the network first, so nothing it does afterwards reaches anyone, then
    /// torn down with no grace period. Its storage keeps exactly what was synced.
    /// </summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var app = silo.App ?? throw new InvalidOperationException($"{silo.Name} is not running");
        silo.App = null;
        var others = _silos.Where(s => s != silo).Select(s => s.Name).ToArray();
        Faults.Isolate(silo.Name, others);
        using (var now = new CancellationTokenSource())
        {
            await now.CancelAsync().ConfigureAwait(false);
            try
            {
                await app.StopAsync(now.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Expected: no grace period.
            }
        }
        await app.DisposeAsync().ConfigureAwait(false);
        foreach (var other in others)
        {
            Faults.Unblock(silo.Name, other);
            Faults.Unblock(other, silo.Name);
        }
    }

    /// <summary>Starts a stopped or killed silo again with the same identity, addresses and storage.</summary>
    public async Task RestartSiloAsync(TestSilo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (silo.IsRunning) await KillSiloAsync(silo).ConfigureAwait(false);
        await LaunchAsync(silo).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos.Where(s => s.IsRunning).ToArray())
        {
            try
            {
                await StopSiloAsync(silo).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                // Tearing down after a failed test: keep going so the other silos stop too.
            }
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying silo: the temp folder is cleaned by the OS eventually.
        }
    }

    /// <summary>Every running peer's status, one line each, for failure messages.</summary>
    public async Task<string> DescribeAsync()
    {
        var text = new StringBuilder();
        foreach (var silo in _silos)
        {
            if (!silo.IsRunning)
            {
                text.Append(silo.Name).AppendLine(": down");
                continue;
            }
            foreach (var status in await silo.PeerStatusesAsync().ConfigureAwait(false))
                text.Append(silo.Name).Append(": ").AppendLine(status.ToString());
        }
        return text.ToString();
    }

    /// <summary>Statuses of every peer on a running silo.</summary>
    public async Task<IReadOnlyList<(TestSilo Silo, PeerStatus Status)>> StatusesAsync()
    {
        var result = new List<(TestSilo, PeerStatus)>();
        foreach (var silo in RunningSilos.ToArray())
        {
            try
            {
                foreach (var status in await silo.PeerStatusesAsync().ConfigureAwait(false)) result.Add((silo, status));
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or GrainNotFoundException or GrainDeactivatedException)
            {
                // Stopped while we asked.
            }
        }
        return result;
    }
}

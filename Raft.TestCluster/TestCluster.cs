using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.TestingHost;
using Raft.Core.Node;
using Raft.Grains;
using Raft.Silo;
using Raft.Silo.Configuration;
using Raft.Silo.Hosting;
using Raft.TestCluster.Faults;
using SiloOptions = Raft.Silo.Configuration.SiloOptions;

namespace Raft.TestCluster;

/// <summary>
/// Real silos in one process on Microsoft.Orleans.TestingHost's <see cref="InProcessTestCluster"/>: each
/// silo hosts its Raft peer as a grain with its own storage and serves the HTTP API on its own loopback port.
/// Tests stop, kill, restart and partition silos with the verbs people use (faults come from a fault table
/// in grain-call filters), and wait on conditions, never on bare sleeps; every wait fails with the
/// cluster's status in its message.
/// </summary>
public sealed partial class TestCluster : IAsyncDisposable
{
    private readonly List<TestSilo> _silos = [];
    private readonly string _root;
    private InProcessTestCluster? _orleans;
    private string? _clusterConnectionString;

    private TestCluster(TestClusterOptions options)
    {
        Options = options;
        _root = Path.Combine(Path.GetTempPath(), "raft-testcluster-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_root);
    }

    public TestClusterOptions Options { get; }

    /// <summary>Faults every silo's grain-call filter consults: partitions, drops, delay.</summary>
    public NetworkFaults Faults { get; } = new(seed: 1);

    public IReadOnlyList<TestSilo> Silos => _silos;

    public IEnumerable<TestSilo> RunningSilos => _silos.Where(s => s.IsRunning);

    private InProcessTestCluster Orleans => _orleans ?? throw new InvalidOperationException("the cluster is not deployed");

    /// <summary>Starts <paramref name="silos"/> silos, one Raft peer each (ids 1..n), and returns once all are up.</summary>
    public static async Task<TestCluster> StartAsync(int silos, TestClusterOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, 1);
        var cluster = new TestCluster(options ?? new TestClusterOptions());
        var members = cluster.Options.Members ?? silos;
        ArgumentOutOfRangeException.ThrowIfLessThan(members, silos);
        // TestingHost starts instances 0..silos-1; the members after them are known to every silo's
        // configuration (placement, topology) but not running until StartSiloAsync.
        for (var i = 0; i < members; i++) cluster._silos.Add(cluster.NewSilo(i, [i + 1]));
        try
        {
            await cluster.DeployAsync(silos).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return cluster;
    }

    public TestSilo Silo(int index) => _silos[index];

    public TestSilo SiloHosting(int peerId) => _silos.Single(s => s.PeerIds.Contains(peerId));

    /// <summary>
    /// Starts one more silo that hosts no Raft peer: it serves clients and forwards every request to the
    /// leader, like any other silo.
    /// </summary>
    public async Task<TestSilo> StartAdditionalSiloAsync()
    {
        var silo = NewSilo(_silos.Count, []);
        _silos.Add(silo);
        silo.Handle = await Orleans.StartSiloAsync(silo.Instance, Orleans.Options).ConfigureAwait(false);
        return silo;
    }

    /// <summary>Starts a member silo that is not running: one defined by <see cref="TestClusterOptions.Members"/> beyond those started, or a stopped one.</summary>
    public async Task StartSiloAsync(TestSilo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (silo.IsRunning) throw new InvalidOperationException($"{silo.Name} is running already");
        silo.Handle = await Orleans.StartSiloAsync(silo.Instance, Orleans.Options).ConfigureAwait(false);
    }

    /// <summary>Graceful stop: a leading peer hands leadership over, grains deactivate, storage closes, the silo leaves the membership.</summary>
    public async Task StopSiloAsync(TestSilo silo)
    {
        var handle = TakeHandle(silo);
        await Orleans.StopSiloAsync(handle).ConfigureAwait(false);
    }

    /// <summary>Abrupt stop, no grace: the silo vanishes; its storage keeps exactly what was synced.</summary>
    public async Task KillSiloAsync(TestSilo silo)
    {
        var handle = TakeHandle(silo);
        await Orleans.KillSiloAsync(handle).ConfigureAwait(false);
    }

    /// <summary>Starts a stopped or killed silo again with the same name, client URL and storage.</summary>
    public async Task RestartSiloAsync(TestSilo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        if (silo.IsRunning) await KillSiloAsync(silo).ConfigureAwait(false);
        silo.Handle = await Orleans.StartSiloAsync(silo.Instance, Orleans.Options).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_orleans is not null)
        {
            try
            {
                await _orleans.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or AggregateException)
            {
                // Tearing down after a failed test: the folder goes anyway.
            }
        }
        foreach (var silo in _silos) silo.Handle = null;
        // Every silo's schema has pools of its own; idle connections would pile up across clusters.
        if (_clusterConnectionString is not null) Npgsql.NpgsqlConnection.ClearAllPools();
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
            try
            {
                foreach (var status in await silo.PeerStatusesAsync().ConfigureAwait(false))
                    text.Append(silo.Name).Append(": ").AppendLine(status.ToString());
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException or ObjectDisposedException)
            {
                text.Append(silo.Name).Append(": ").AppendLine(e.Message);
            }
        }
        return text.ToString();
    }

    /// <summary>Statuses of every peer on a running silo that answers.</summary>
    public async Task<IReadOnlyList<(TestSilo Silo, PeerStatus Status)>> StatusesAsync()
    {
        var result = new List<(TestSilo, PeerStatus)>();
        foreach (var silo in RunningSilos.ToArray())
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                foreach (var status in await silo.PeerStatusesAsync(timeout.Token).ConfigureAwait(false)) result.Add((silo, status));
            }
            catch (Exception e) when (e is OrleansException or TimeoutException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
            {
                // Stopped, or not yet up, while we asked.
            }
        }
        return result;
    }

    /// <summary>Whether the peer has an activation on any running silo (asking it would activate it, so this looks).</summary>
    public bool IsPeerActive(int peerId) => Orleans.TryGetGrainContext(PeerGrainId(peerId), out _);

    /// <summary>Deactivates the peer's grain, as Orleans does to an idle one or one whose silo restarts.</summary>
    public Task DeactivatePeerAsync(int peerId) => Orleans.DeactivateAsync(PeerGrainId(peerId));

    private GrainId PeerGrainId(int peerId) => RunningSilos.First().Grains.GetRaftPeer(peerId).GetGrainId();

    private TestSilo NewSilo(int instance, IReadOnlyList<int> peers)
    {
        // TestingHost names its silos by instance number; the Raft group's members are named after them.
        var name = $"Silo_{instance.ToString(CultureInfo.InvariantCulture)}";
        return new TestSilo(instance, name, FreePorts.Next(), Path.Combine(_root, name), peers);
    }

    private InProcessSiloHandle TakeHandle(TestSilo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var handle = silo.Handle ?? throw new InvalidOperationException($"{silo.Name} is not running");
        silo.Handle = null;
        return handle;
    }

    private async Task DeployAsync(int silos)
    {
        if (Options.StorageProvider == "postgresql")
        {
            // Reminders are shared by every silo of a cluster: one schema for them, one per silo for the rest.
            _clusterConnectionString = await PostgresSchemas.ConnectionStringForAsync(RequirePostgres(), _root, "cluster").ConfigureAwait(false);
            foreach (var silo in _silos) silo.ConnectionString = await PostgresSchemas.ConnectionStringForAsync(RequirePostgres(), _root, silo.Name).ConfigureAwait(false);
        }
        var builder = new InProcessTestClusterBuilder((short)silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((siloOptions, host) =>
        {
            var silo = SiloNamed(siloOptions.SiloName);
            host.Logging.ClearProviders();
            SiloApplication.ConfigureLogging(host.Logging);
            host.Logging.SetMinimumLevel(Enum.Parse<LogLevel>(Options.LogLevel));
            Options.ConfigureSiloServices?.Invoke(silo, host.Services);
        });
        builder.ConfigureSilo((siloOptions, siloBuilder) =>
        {
            var silo = SiloNamed(siloOptions.SiloName);
            var options = OptionsFor(silo);
            siloBuilder.Configure<ClusterMembershipOptions>(SiloClustering.ConfigureLiveness);
            siloBuilder.AddRaftPeers(options);
            siloBuilder.AddOutgoingGrainCallFilter(new FaultInjectingCallFilter(silo.Name, options, Faults));
            SiloApplication.AddFrontDoor(siloBuilder.Services, options);
        });
        _orleans = builder.Build();
        // Bounded: a start that hangs (a silo that never validates its connectivity) fails the test, not the run.
        using var deadline = new CancellationTokenSource(Options.WaitTimeout * 2);
        await _orleans.DeployAsync(deadline.Token).ConfigureAwait(false);
        foreach (var handle in _orleans.Silos) SiloNamed(handle.Name).Handle = handle;
    }

    private TestSilo SiloNamed(string name) =>
        _silos.SingleOrDefault(s => s.Name == name)
        ?? throw new InvalidOperationException($"TestingHost started a silo named '{name}', which this cluster does not know ({string.Join(", ", _silos.Select(s => s.Name))})");

    private string RequirePostgres() =>
        Options.PostgresConnectionString ?? throw new InvalidOperationException("PostgresConnectionString is required for postgresql");

    /// <summary>One silo's options, loaded and validated exactly as a silo process loads its configuration.</summary>
    private SiloOptions OptionsFor(TestSilo silo)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Raft:Name"] = silo.Name,
            ["Raft:ClientUrl"] = silo.ClientUrl,
            ["Raft:Storage:Provider"] = Options.StorageProvider,
            ["Raft:Storage:DataDirectory"] = silo.DataDirectory,
            ["Raft:Storage:ConnectionString"] = silo.ConnectionString,
            ["Raft:Clustering:ConnectionString"] = _clusterConnectionString,
            // TestingHost brings its own membership; the SQLite reminder table is what this file still holds.
            ["Raft:Clustering:DatabaseFile"] = Path.Combine(_root, "cluster.db"),
            ["Raft:Timing:TickIntervalMs"] = Options.TickIntervalMs.ToString(CultureInfo.InvariantCulture),
            ["Raft:Timing:ElectionTicks"] = Options.ElectionTicks.ToString(CultureInfo.InvariantCulture),
            ["Raft:Timing:HeartbeatTicks"] = "1",
            ["Raft:Timing:ProposeTimeoutMs"] = Options.ProposeTimeoutMs.ToString(CultureInfo.InvariantCulture),
            ["Raft:OrleansDashboard"] = Options.OrleansDashboard ? "true" : "false",
        };
        var members = _silos.Where(s => s.PeerIds.Count > 0 || s == silo).ToArray();
        for (var m = 0; m < members.Length; m++)
        {
            var member = members[m];
            var prefix = $"Raft:Members:{m.ToString(CultureInfo.InvariantCulture)}:";
            settings[prefix + "Name"] = member.Name;
            settings[prefix + "ClientUrl"] = member.ClientUrl;
            // TestingHost's in-memory transport addresses silos by name; these only satisfy the validator.
            settings[prefix + "SiloAddress"] = $"127.0.0.1:{20000 + member.Instance}";
            settings[prefix + "GatewayAddress"] = $"127.0.0.1:{21000 + member.Instance}";
            for (var p = 0; p < member.PeerIds.Count; p++)
                settings[prefix + $"PeerIds:{p.ToString(CultureInfo.InvariantCulture)}"] = member.PeerIds[p].ToString(CultureInfo.InvariantCulture);
        }
        if (Options.InitialVoters is { } voters) settings["Raft:InitialVoters"] = voters.ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in Options.Settings) settings[key] = value;
        foreach (var (key, value) in Options.SiloSettings?.Invoke(silo) ?? new Dictionary<string, string?>()) settings[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return SiloOptionsLoader.Load(configuration);
    }
}

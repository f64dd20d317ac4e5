using Microsoft.Extensions.DependencyInjection;

namespace Raft.TestCluster;

/// <summary>How a <see cref="TestCluster"/> builds its silos. Timings are fast but leave a busy 2-core machine room.</summary>
public sealed record TestClusterOptions
{
    /// <summary>"sqlite" (a temporary folder per silo, the default), "postgresql" (a schema per silo) or "memory".</summary>
    public string StorageProvider { get; init; } = "sqlite";

    /// <summary>Npgsql connection string for "postgresql"; each silo gets its own schema in that database.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>
    /// Members of the Raft group's configuration (silos, one peer each): at least the silos started; the
    /// others are defined but wait for <see cref="TestCluster.StartSiloAsync"/>. Null: the silos started.
    /// </summary>
    public int? Members { get; init; }

    /// <summary>How many members, the first ones, form the group at its start (Raft:InitialVoters); the rest start as joiners. Null: all.</summary>
    public int? InitialVoters { get; init; }

    public int TickIntervalMs { get; init; } = 10;

    /// <summary>300-600 ms election timeouts at a 10 ms tick: quick, yet no spurious elections under CI load.</summary>
    public int ElectionTicks { get; init; } = 30;

    public int ProposeTimeoutMs { get; init; } = 3000;

    /// <summary>How long a wait may take before it fails with the cluster's status.</summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the silos serve the Orleans Dashboard; off unless a test looks at it (it costs every silo's start about a second here).</summary>
    public bool OrleansDashboard { get; init; }

    /// <summary>Extra configuration for every silo ("Raft:..." keys).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Settings for one silo only, applied over <see cref="Settings"/> (e.g. one silo with the dashboard's controls on).</summary>
    public Func<TestSilo, IReadOnlyDictionary<string, string?>>? SiloSettings { get; init; }

    /// <summary>Services for one silo's host, registered before the silo's own (a gated storage, say).</summary>
    public Action<TestSilo, IServiceCollection>? ConfigureSiloServices { get; init; }

    public string LogLevel { get; init; } = "Warning";
}

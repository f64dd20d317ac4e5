namespace Raft.Silo.Configuration;

/// <summary>
/// Everything a silo is started with, bound from the "Raft" configuration section (appsettings.json,
/// environment variables <c>Raft__Name</c> or <c>RAFT_NAME</c>, command-line flags). With no members
/// listed, the silo is the whole cluster: it hosts the 5-peer group 1..5 itself.
/// </summary>
public sealed class SiloOptions
{
    public const string SectionName = "Raft";

    /// <summary>This silo's name; must match one entry of <see cref="Members"/>.</summary>
    public string Name { get; set; } = "silo-1";

    /// <summary>Where the client HTTP API listens.</summary>
    public string ClientUrl { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Where the Orleans silo endpoint listens for other silos, "host:port".</summary>
    public string SiloAddress { get; set; } = "127.0.0.1:11111";

    /// <summary>Where the Orleans gateway listens for clients, "host:port" (Orleans' default port 30000).</summary>
    public string GatewayAddress { get; set; } = "127.0.0.1:30000";

    /// <summary>Orleans' cluster id: silos with the same id and membership table form one cluster.</summary>
    public string ClusterId { get; set; } = "raft";

    /// <summary>How silos find each other: the membership table.</summary>
    public ClusteringOptions Clustering { get; set; } = new();

    /// <summary>Every silo of the cluster and the peers each hosts. Empty: this silo alone, hosting peers 1..5.</summary>
    public List<SiloMemberOptions> Members { get; set; } = [];

    public StorageOptions Storage { get; set; } = new();

    public RaftTimingOptions Timing { get; set; } = new();

    public RaftSnapshotOptions Snapshots { get; set; } = new();

    public ClientOptions Client { get; set; } = new();

    public LimitsOptions Limits { get; set; } = new();

    public RaftDashboardOptions Dashboard { get; set; } = new();

    /// <summary>
    /// Whether the silo serves the Orleans Dashboard at <c>/orleans/</c> (on by default, read-only). Its
    /// statistics service calls every silo at start and each second; in-process test clusters turn it off
    /// unless a test looks at it.
    /// </summary>
    public bool OrleansDashboard { get; set; } = true;

    /// <summary>How the log is written to stdout: <see cref="LogFormats.Console"/> lines or <see cref="LogFormats.Json"/> objects, one per line.</summary>
    public string Logging { get; set; } = LogFormats.Console;

    /// <summary>
    /// TCP port of the seeds' line protocol (seed 004), on the client URL's host. The default silo uses
    /// 9000, as seed 004 did; cluster-file members open it only when given --line-port; 0 or unset: closed.
    /// </summary>
    public int? LinePort { get; set; }

    /// <summary>
    /// How many members, the first ones listed, form the Raft group at its first start (the bootstrap voters);
    /// the other members' peers start as joiners, which never campaign and wait until a leader adds them.
    /// Null: every member. A cluster file's <c>initial_voters</c> sets it unless this is given.
    /// </summary>
    public int? InitialVoters { get; set; }

    /// <summary>A seeds-style cluster file; with <see cref="Member"/>, it replaces <see cref="Members"/>.</summary>
    public string? ClusterFile { get; set; }

    /// <summary>0-based index into the cluster file's addresses of the member this silo is.</summary>
    public int? Member { get; set; }

    // Methods, not properties: the configuration binder reads every property while binding.

    /// <summary>The member entry for this silo; valid after <see cref="SiloOptionsLoader.Load"/>.</summary>
    public SiloMemberOptions FindSelf() => Members.Single(m => m.Name == Name);

    /// <summary>The member hosting <paramref name="peerId"/>, or null: where the transport sends that peer's messages.</summary>
    public SiloMemberOptions? FindHostOf(int peerId) => Members.FirstOrDefault(m => m.PeerIds.Contains(peerId));

    /// <summary>Every peer id of the Raft group, over all members, ascending.</summary>
    public IReadOnlyList<int> GroupPeerIds() => Members.SelectMany(m => m.PeerIds).Order().ToArray();

    /// <summary>The peers of the first <see cref="InitialVoters"/> members (all members when unset), ascending: every peer's bootstrap voter set.</summary>
    public IReadOnlyList<int> InitialVoterPeerIds() =>
        Members.Take(InitialVoters ?? Members.Count).SelectMany(m => m.PeerIds).Order().ToArray();
}

using System.Net;
using Orleans.Configuration;
using Raft.Silo.Clustering;
using Raft.Silo.Configuration;
using SiloOptions = Raft.Silo.Configuration.SiloOptions;

namespace Raft.Silo.Hosting;

/// <summary>
/// How a silo process joins its cluster: its name, endpoints and the membership table every silo shares,
/// with liveness tuned so that a dead silo is declared dead in about 2 s (Orleans' defaults take 13-16 s).
/// </summary>
public static class SiloClustering
{
    public static ISiloBuilder UseRaftClustering(this ISiloBuilder silo, SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(options);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = ServiceId;
        });
        silo.Configure<Orleans.Configuration.SiloOptions>(o => o.SiloName = options.Name);
        var (siloHost, siloPort) = HostPort.Split(options.SiloAddress);
        var (_, gatewayPort) = HostPort.Split(options.GatewayAddress);
        silo.ConfigureEndpoints(Resolve(siloHost), siloPort, gatewayPort, listenOnAnyHostAddress: siloHost is "0.0.0.0" or "*");
        silo.Configure<ClusterMembershipOptions>(ConfigureLiveness);
        switch (options.Clustering.Provider)
        {
            case ClusteringOptions.PostgreSql:
                silo.UseAdoNetClustering(o =>
                {
                    o.Invariant = Storage.PostgresSchema.AdoNetInvariant;
                    o.ConnectionString = options.Clustering.ConnectionString;
                });
                break;
            default:
                silo.UseSqliteClustering(options.Clustering.DatabaseFile!);
                break;
        }
        return silo;
    }

    /// <summary>Orleans' service id: one for every Raft cluster; the cluster id tells clusters apart.</summary>
    public const string ServiceId = "raft";

    /// <summary>
    /// A probe every second, dead after two missed ones and two votes (or every other silo's, in a smaller
    /// cluster): about 2 s from a kill to the declaration. The table is read often enough that a restarted
    /// silo is seen quickly even without gossip.
    /// </summary>
    public static void ConfigureLiveness(ClusterMembershipOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.ProbeTimeout = TimeSpan.FromSeconds(1);
        o.NumMissedProbesLimit = 2;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(2);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
        o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
    }

    private static IPAddress Resolve(string host) =>
        host is "0.0.0.0" or "*" ? IPAddress.Loopback
        : IPAddress.TryParse(host, out var ip) ? ip
        : Dns.GetHostAddresses(host).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
}

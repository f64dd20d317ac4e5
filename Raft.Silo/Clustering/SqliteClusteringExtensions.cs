using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace Raft.Silo.Clustering;

/// <summary>Registers <see cref="SqliteMembershipTable"/> as the silo's membership table.</summary>
public static class SqliteClusteringExtensions
{
    /// <summary>
    /// Silos that name the same <paramref name="databaseFile"/> and ClusterId form one cluster. Clients need no
    /// gateway list from it: they are given static gateways.
    /// </summary>
    public static ISiloBuilder UseSqliteClustering(this ISiloBuilder builder, string databaseFile)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(databaseFile);
        builder.Services.AddSingleton<IMembershipTable>(services => new SqliteMembershipTable(
            databaseFile,
            services.GetRequiredService<IOptions<ClusterOptions>>(),
            services.GetRequiredService<ILogger<SqliteMembershipTable>>()));
        return builder;
    }
}

namespace Raft.Silo.Configuration;

/// <summary>
/// How silos find each other ("Raft:Clustering"): an Orleans membership table every silo of the cluster
/// reads and writes, so no silo is special and any of them can die and come back.
/// </summary>
public sealed class ClusteringOptions
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    public static IReadOnlyList<string> Providers { get; } = [Sqlite, PostgreSql];

    /// <summary>
    /// "sqlite": a file shared by the silos of one machine (the default); "postgresql": Orleans' ADO.NET
    /// clustering, the default when the storage is PostgreSQL.
    /// </summary>
    public string? Provider { get; set; }

    /// <summary>The SQLite membership file. Unset: next to the cluster file, else in the silo's data folder.</summary>
    public string? DatabaseFile { get; set; }

    /// <summary>The PostgreSQL database of the membership table. Unset: the storage's.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Fills what depends on other options; run after the cluster file and data folder are known.</summary>
    public static void ApplyDefaults(SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clustering = options.Clustering;
        clustering.Provider ??= options.Storage.Provider == StorageOptions.PostgreSql ? PostgreSql : Sqlite;
        if (clustering.Provider == Sqlite) clustering.DatabaseFile ??= Path.Combine(options.Storage.DataDirectory!, "membership.db");
        if (clustering.Provider == PostgreSql) clustering.ConnectionString ??= options.Storage.ConnectionString;
    }

    /// <summary>A problem as one line, or null.</summary>
    public string? Validate()
    {
        if (Provider is null || !Providers.Contains(Provider))
            return $"Raft:Clustering:Provider '{Provider}' is not one of {string.Join(", ", Providers)}";
        if (Provider == Sqlite && string.IsNullOrWhiteSpace(DatabaseFile)) return "Raft:Clustering:DatabaseFile is required for sqlite";
        if (Provider == PostgreSql && string.IsNullOrWhiteSpace(ConnectionString)) return "Raft:Clustering:ConnectionString (or Raft:Storage:ConnectionString) is required for postgresql";
        return null;
    }
}

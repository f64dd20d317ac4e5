namespace Raft.Silo.Configuration;

/// <summary>Which storage provider holds the peers' term, vote and log, and where.</summary>
public sealed class StorageOptions
{
    public const string Memory = "memory";
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    public static IReadOnlyList<string> Providers { get; } = [Memory, Sqlite, PostgreSql];

    /// <summary>SQLite by default: durable, embedded, one file per silo.</summary>
    public string Provider { get; set; } = Sqlite;

    /// <summary>Folder for file-based providers. Unset: ./data/{silo name}, or ./data/member-P-Q for a cluster-file member.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>ADO.NET connection string for PostgreSQL.</summary>
    public string? ConnectionString { get; set; }
}

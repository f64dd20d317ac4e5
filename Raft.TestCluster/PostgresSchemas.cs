using Npgsql;

namespace Raft.TestCluster;

/// <summary>Gives each silo of a PostgreSQL-backed cluster a fresh schema of its own in the test database.</summary>
internal static class PostgresSchemas
{
    public static async Task<string> ConnectionStringForAsync(string baseConnectionString, string clusterRoot, string siloName)
    {
        // Lower case: a search path names schemas unquoted, so PostgreSQL folds it.
        var schema = ("t" + Path.GetFileName(clusterRoot) + "_" + siloName).Replace('-', '_').ToLowerInvariant();
        var builder = new NpgsqlConnectionStringBuilder(baseConnectionString);
        await using (var connection = new NpgsqlConnection(builder.ConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE SCHEMA IF NOT EXISTS \"{schema}\"";
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        builder.SearchPath = schema;
        return builder.ConnectionString;
    }
}

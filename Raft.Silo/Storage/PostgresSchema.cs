using Npgsql;

namespace Raft.Silo.Storage;

/// <summary>
/// Brings one PostgreSQL schema (the first on the connection's search path) to this build's newest version:
/// every script of deploy/sql/postgresql, the Raft log (001) and the tables Orleans' ADO.NET providers look up
/// (002 grain storage, 003 membership, 004 reminders). The Raft storage opens its schema through here, and a
/// silo calls <see cref="MigrateAsync(string, CancellationToken)"/> on the connection string it gives the
/// Orleans providers before the silo starts, because the providers only read their tables and never create
/// them. Every schema gets every script, so one version number says what a schema holds; a schema used only
/// for Orleans carries empty Raft tables, and the reverse.
/// </summary>
public static class PostgresSchema
{
    /// <summary>The ADO.NET invariant the Orleans providers take for Npgsql (their <c>Invariant</c> option).</summary>
    public const string AdoNetInvariant = "Npgsql";

    /// <summary>
    /// Applies the scripts the schema has not seen yet. Silos starting together on one schema take turns under
    /// an advisory lock, so each script is applied once; on an up-to-date schema this only reads the version.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string; its Search Path names the schema, which must exist.</param>
    /// <exception cref="InvalidOperationException">no schema is on the search path, or the schema is newer than this build.</exception>
    public static async ValueTask<PostgresSchemaState> MigrateAsync(string connectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As <see cref="MigrateAsync(string, CancellationToken)"/>, on a connection the caller opened.</summary>
    internal static async ValueTask<PostgresSchemaState> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        string database, schema;
        await using (var where = new NpgsqlCommand("SELECT current_database(), current_schema()", connection))
        await using (var reader = await where.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            // current_schema() is NULL when no schema on the search path exists: tables would land nowhere.
            if (reader.IsDBNull(1))
                throw new InvalidOperationException("the PostgreSQL connection has no current schema; check Search Path and that the schema exists");
            database = reader.GetString(0);
            schema = reader.GetString(1);
        }
        // PostgreSQL's DDL is transactional, so the migrator's one transaction covers tables, indexes and the
        // OrleansQuery rows alike; the lock is per schema, so silos migrating different schemas do not wait.
        var version = await SchemaMigrator.MigrateAsync(connection, SchemaScripts.PostgreSql,
            "SELECT to_regclass('schema_version') IS NOT NULL",
            "SELECT pg_advisory_xact_lock(hashtext('raft_schema:' || current_schema()))",
            cancellationToken).ConfigureAwait(false);
        return new PostgresSchemaState(database, schema, version);
    }
}

using System.Data.Common;
using System.Globalization;

namespace Raft.Silo.Storage;

/// <summary>
/// Brings a database to the newest schema: reads the highest version in schema_version and applies every
/// later script in order, recording each version in the same transaction as its script, so a crash
/// mid-upgrade leaves either the old or the new version, never half of one.
/// </summary>
internal static class SchemaMigrator
{
    /// <param name="connection">An open connection to the database.</param>
    /// <param name="dialect">Which scripts to apply (<see cref="SchemaScripts"/>).</param>
    /// <param name="versionTableExistsSql">A query returning a nonzero count (or true) when schema_version exists.</param>
    /// <param name="lockSql">A statement run first in the transaction so concurrent openers apply scripts one at a time, or null.</param>
    /// <returns>The schema version after migration.</returns>
    public static async ValueTask<int> MigrateAsync(
        DbConnection connection, string dialect, string versionTableExistsSql, string? lockSql, CancellationToken cancellationToken)
    {
        var scripts = SchemaScripts.For(dialect);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (lockSql is not null) await ExecuteAsync(connection, transaction, lockSql, cancellationToken).ConfigureAwait(false);

        var current = 0;
        var exists = await ScalarAsync(connection, transaction, versionTableExistsSql, cancellationToken).ConfigureAwait(false);
        if (Convert.ToBoolean(exists, CultureInfo.InvariantCulture))
        {
            var max = await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM schema_version", cancellationToken)
                .ConfigureAwait(false);
            current = Convert.ToInt32(max, CultureInfo.InvariantCulture);
        }
        var newest = scripts[^1].Version;
        if (current > newest)
            throw new InvalidOperationException($"the database's schema version {current} is newer than this build's newest script ({newest}); upgrade the silo");

        foreach (var script in scripts.Where(s => s.Version > current))
        {
            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken).ConfigureAwait(false);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (@version, @appliedAt)";
            record.AddParameter("@version", script.Version);
            record.AddParameter("@appliedAt", DateTime.UtcNow);
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            current = script.Version;
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return current;
    }

    private static async ValueTask ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}

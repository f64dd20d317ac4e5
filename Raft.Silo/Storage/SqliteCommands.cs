using Microsoft.Data.Sqlite;

namespace Raft.Silo.Storage;

/// <summary>Statements inside a <see cref="SharedSqliteFile"/> transaction, with their parameters bound by name.</summary>
internal static class SqliteCommands
{
    public static SqliteCommand Command(this SqliteTransaction transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>Runs a statement that changes rows; returns how many it changed.</summary>
    public static int Execute(this SqliteTransaction transaction, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = transaction.Command(sql, parameters);
        return command.ExecuteNonQuery();
    }
}

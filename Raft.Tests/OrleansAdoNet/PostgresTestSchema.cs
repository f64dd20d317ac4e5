using Npgsql;
using Raft.Tests.Storage;

namespace Raft.Tests.OrleansAdoNet;

/// <summary>
/// A fresh, empty schema in the database named by RAFT_TEST_POSTGRES, dropped with everything in it on dispose.
/// Without that variable creating one fails (never skips), so a missing database cannot pass as green.
/// </summary>
public sealed class PostgresTestSchema : IAsyncDisposable
{
    private PostgresTestSchema(string name) => Name = name;

    public string Name { get; }

    /// <summary>The base connection string with Search Path set to this schema only.</summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder(BaseConnectionString) { SearchPath = Name }.ToString();

    private static string BaseConnectionString =>
        Environment.GetEnvironmentVariable(PostgresPeerStorageTests.ConnectionVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresPeerStorageTests.ConnectionVariable} is not set; the Orleans ADO.NET tests need a database (./test.sh starts one)");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="purpose">A lower-case word naming the schema's use, so leftovers of a crashed run can be told apart.</param>
    public static async Task<PostgresTestSchema> CreateAsync(string purpose)
    {
        // PostgreSQL cuts identifiers at 63 bytes; the GUID alone is 32.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(purpose.Length, 20);
        var schema = new PostgresTestSchema($"orleans_{purpose}_{Guid.NewGuid():N}");
        await ExecuteAsync(BaseConnectionString, $"CREATE SCHEMA {schema.Name}");
        return schema;
    }

    /// <summary>Runs a query in this schema and returns the first column of the first row.</summary>
    public async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return await command.ExecuteScalarAsync(Ct);
    }

    /// <summary>Runs a query in this schema and returns every row as an array of its column values.</summary>
    public async Task<IReadOnlyList<object[]>> RowsAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<object[]>();
        while (await reader.ReadAsync(Ct))
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        // Orleans' pooled connections into the schema may still be open; dropping does not wait for them.
        await ExecuteAsync(BaseConnectionString, $"DROP SCHEMA IF EXISTS {Name} CASCADE");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}

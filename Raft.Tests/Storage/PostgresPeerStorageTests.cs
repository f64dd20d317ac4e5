using System.Data.Common;
using Npgsql;
using Raft.Silo.Storage;

namespace Raft.Tests.Storage;

/// <summary>
/// Runs the peer storage contract against PostgreSQL, each test in its own fresh schema (dropped afterwards)
/// of the database named by RAFT_TEST_POSTGRES. Without that variable the tests fail rather than skip, so
/// a missing database can never pass as green; ./test.sh starts a throwaway server and sets it.
/// </summary>
public sealed class PostgresPeerStorageTests : PeerStorageContractTests
{
    public const string ConnectionVariable = "RAFT_TEST_POSTGRES";

    private readonly string _schema = $"raft_test_{Guid.NewGuid():N}";

    protected override string ExpectedLocation => $"table {_schema}.raft_";

    protected override string Dialect => SchemaScripts.PostgreSql;

    private static string BaseConnectionString =>
        Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{ConnectionVariable} is not set; PostgreSQL storage tests need a database (./test.sh starts one)");

    private string SchemaConnectionString => new NpgsqlConnectionStringBuilder(BaseConnectionString) { SearchPath = _schema }.ToString();

    protected override IStorageProvider CreateProvider() => new PostgresStorageProvider(SchemaConnectionString);

    protected override async ValueTask<DbConnection> OpenRawConnectionAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(SchemaConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        return connection;
    }

    protected override string FailingInsertTriggerSql(long index) =>
        "CREATE FUNCTION fail_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
        $"IF NEW.log_index = {index} THEN RAISE EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$; " +
        "CREATE TRIGGER fail_insert BEFORE INSERT ON raft_log FOR EACH ROW EXECUTE FUNCTION fail_insert();";

    protected override async ValueTask CreateDatabaseAsync() => await AdminAsync($"CREATE SCHEMA {_schema}");

    protected override async ValueTask DropDatabaseAsync()
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 })
            await AdminAsync($"DROP SCHEMA IF EXISTS {_schema} CASCADE");
    }

    [Fact]
    public async Task Open_WithoutASchemaOnTheSearchPath_FailsClearly()
    {
        var missing = new NpgsqlConnectionStringBuilder(BaseConnectionString) { SearchPath = $"{_schema}_missing" }.ToString();
        await using var provider = new PostgresStorageProvider(missing);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await provider.OpenAsync(Ct));
        Assert.Contains("schema", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Construct_WithAMalformedConnectionString_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => new PostgresStorageProvider("Host=x;Nonsense Key=1"));

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(BaseConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}

using System.Data.Common;
using Microsoft.Data.Sqlite;
using Raft.Silo.Storage;

namespace Raft.Tests.Storage;

/// <summary>
/// Runs the peer storage contract against SQLite, one fresh data folder per test, and proves the file is
/// opened in WAL mode with synchronous=FULL (one fsync per committed transaction).
/// </summary>
public sealed class SqlitePeerStorageTests : PeerStorageContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "raft-storage-tests", Guid.NewGuid().ToString("N"));

    private string FilePath => Path.Combine(_folder, SqliteStorageProvider.DefaultFileName);

    protected override string ExpectedLocation => FilePath;

    protected override string Dialect => SchemaScripts.Sqlite;

    protected override IStorageProvider CreateProvider() => new SqliteStorageProvider(_folder);

    protected override async ValueTask<DbConnection> OpenRawConnectionAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        return connection;
    }

    protected override string FailingInsertTriggerSql(long index) =>
        $"CREATE TRIGGER fail_insert BEFORE INSERT ON raft_log WHEN NEW.log_index = {index} BEGIN SELECT RAISE(ABORT, 'injected failure'); END;";

    protected override ValueTask DropDatabaseAsync()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Open_UsesWalJournal_AndFullSync()
    {
        Assert.Equal("wal", await ScalarAsync("PRAGMA journal_mode"));
        var provider = (SqliteStorageProvider)Provider;
        await using var command = provider.Connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(2L, await command.ExecuteScalarAsync(Ct)); // 2 = FULL
        Assert.Equal(FilePath, provider.FilePath);
    }
}

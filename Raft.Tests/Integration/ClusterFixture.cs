using Raft.TestCluster;

namespace Raft.Tests.Integration;

/// <summary>Builds TestClusters for the integration tests, on SQLite or on the PostgreSQL that test.sh started.</summary>
internal static class ClusterFixture
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgresql";

    public static Task<Raft.TestCluster.TestCluster> StartAsync(int silos, string storage = Sqlite, TestClusterOptions? options = null)
    {
        options ??= new TestClusterOptions();
        if (storage == Postgres)
        {
            var connection = Environment.GetEnvironmentVariable("RAFT_TEST_POSTGRES");
            Assert.False(string.IsNullOrEmpty(connection), "RAFT_TEST_POSTGRES is not set: run the tests through ./test.sh, which starts PostgreSQL");
            options = options with { StorageProvider = Postgres, PostgresConnectionString = connection };
        }
        else
        {
            options = options with { StorageProvider = storage };
        }
        return Raft.TestCluster.TestCluster.StartAsync(silos, options);
    }
}

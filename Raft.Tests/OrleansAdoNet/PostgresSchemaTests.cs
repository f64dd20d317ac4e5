using System.Reflection;
using System.Text.RegularExpressions;
using Orleans.Storage;
using Raft.Silo.Storage;

namespace Raft.Tests.OrleansAdoNet;

/// <summary>
/// Proves the PostgreSQL schema scripts apply as a unit: an empty schema gets the Raft tables and every
/// table and query text the Orleans 10.4.2 ADO.NET providers look up; migrating again, or opening the Raft
/// storage on it, applies nothing; several silos migrating one schema at once apply each script once; and the
/// OrleansQuery keys are exactly the ones the provider assemblies require (read from the assemblies by
/// reflection, so an Orleans upgrade that needs a new key fails here by name, not at silo start).
/// </summary>
public sealed class PostgresSchemaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Tables =
        ["raft_hard_state", "raft_log", "raft_snapshot", "orleansquery", "orleansstorage",
         "orleansmembershipversiontable", "orleansmembershiptable", "orleansreminderstable"];

    [Fact]
    public async Task Migrate_EmptySchema_CreatesEveryTable_AndAgainAppliesNothing()
    {
        await using var schema = await PostgresTestSchema.CreateAsync("migrate");
        var scripts = SchemaScripts.For(SchemaScripts.PostgreSql);

        var first = await PostgresSchema.MigrateAsync(schema.ConnectionString, Ct);

        Assert.Equal(schema.Name, first.Schema);
        Assert.Equal(scripts[^1].Version, first.Version);
        foreach (var table in Tables)
            Assert.Equal(true, await schema.ScalarAsync($"SELECT to_regclass('{table}') IS NOT NULL"));
        var applied = await schema.RowsAsync("SELECT version, applied_at FROM schema_version ORDER BY version");
        Assert.Equal(scripts.Select(s => s.Version), applied.Select(row => (int)row[0]));
        var queries = await schema.ScalarAsync("SELECT count(*) FROM OrleansQuery");

        var second = await PostgresSchema.MigrateAsync(schema.ConnectionString, Ct);
        await using (var raft = new PostgresStorageProvider(schema.ConnectionString))
        {
            await raft.OpenAsync(Ct);
            Assert.Equal(first.Version, raft.SchemaVersion);
        }

        Assert.Equal(first, second);
        Assert.Equal(applied, await schema.RowsAsync("SELECT version, applied_at FROM schema_version ORDER BY version"));
        Assert.Equal(queries, await schema.ScalarAsync("SELECT count(*) FROM OrleansQuery"));
    }

    [Fact]
    public async Task Migrate_ManySilosAtOnceOnOneSchema_AppliesEachScriptOnce()
    {
        await using var schema = await PostgresTestSchema.CreateAsync("concurrent");
        var scripts = SchemaScripts.For(SchemaScripts.PostgreSql);

        // Started together, the migrations queue on the schema's advisory lock; without it they would race
        // to create the same tables and all but one would fail.
        var states = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(async () => await PostgresSchema.MigrateAsync(schema.ConnectionString, Ct), Ct)));

        Assert.All(states, state => Assert.Equal(scripts[^1].Version, state.Version));
        var applied = await schema.RowsAsync("SELECT version, count(*) FROM schema_version GROUP BY version ORDER BY version");
        Assert.Equal(scripts.Select(s => (s.Version, 1L)), applied.Select(row => ((int)row[0], (long)row[1])));
        Assert.Equal((long)RequiredQueryKeys().Count, await schema.ScalarAsync("SELECT count(*) FROM OrleansQuery"));
    }

    [Fact]
    public async Task OrleansQuery_HoldsExactlyTheKeysTheProvidersRequire()
    {
        await using var schema = await PostgresTestSchema.CreateAsync("keys");
        await PostgresSchema.MigrateAsync(schema.ConnectionString, Ct);

        var keys = (await schema.RowsAsync("SELECT QueryKey FROM OrleansQuery")).Select(row => (string)row[0]).ToHashSet();

        Assert.Equal(RequiredQueryKeys().Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Migrate_WithoutASchemaOnTheSearchPath_FailsClearly()
    {
        await using var schema = await PostgresTestSchema.CreateAsync("missing");
        var missing = schema.ConnectionString.Replace(schema.Name, schema.Name + "_missing", StringComparison.Ordinal);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(async () => await PostgresSchema.MigrateAsync(missing, Ct));

        Assert.Contains("Search Path", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The keys the 10.4.2 providers load: the grain storage names its four in a public query constant
    /// (DeleteStorageKey only matters with DeleteStateOnClear, but we serve it); clustering and reminders
    /// check at start that every internal property of their DbStoredQueries has a row.
    /// </summary>
    private static IReadOnlyCollection<string> RequiredQueryKeys()
    {
        var keys = Regex.Matches(AdoNetGrainStorage.DefaultInitializationQuery, "'(\\w+)'").Select(m => m.Groups[1].Value).ToHashSet();
        foreach (var type in new[]
        {
            "Orleans.Clustering.AdoNet.Storage.DbStoredQueries, Orleans.Clustering.AdoNet",
            "Orleans.Reminders.AdoNet.Storage.DbStoredQueries, Orleans.Reminders.AdoNet",
        })
        {
            var stored = Type.GetType(type, throwOnError: true)!;
            foreach (var property in stored.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic)) keys.Add(property.Name);
        }
        return keys;
    }
}

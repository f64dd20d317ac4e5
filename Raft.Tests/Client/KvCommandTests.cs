using System.Text.Json;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Client;

// Proves that put, get, delete and cas print what they promise (text and --json) and exit 0 on success,
// 1 with one ERR line on stderr when the cluster refuses (not-found, version-mismatch), by running the
// console in-process against a fake client grain over a real key-value state machine. Versions are log
// indexes: each console run opens its own session first (index 1), so its first write is version 2.
public sealed class KvCommandTests
{
    private readonly FakeCluster _cluster = new();

    [Fact]
    public async Task Put_NewKey_PrintsOkAndVersion()
    {
        var run = await Client("put", "color", "blue");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["OK 2"], run.OutLines);
        Assert.Empty(run.Err);
    }

    [Fact]
    public async Task Put_Twice_VersionIncreases()
    {
        await Client("put", "color", "blue");
        var run = await Client("put", "color", "green");

        Assert.Equal(["OK 4"], run.OutLines);
    }

    [Fact]
    public async Task Get_ExistingKey_PrintsValueAndVersion()
    {
        await Client("put", "greeting", "hello world");
        var run = await Client("get", "greeting");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["hello world (version 2)"], run.OutLines);
    }

    [Fact]
    public async Task Get_KeyWithTtl_PrintsExpiryInUtc()
    {
        // The fake leader's clock reads 09:59:30Z: a 30 s TTL expires at 10:00:00Z.
        await Client("put", "session", "abc", "--ttl", "30");
        var run = await Client("get", "session");

        Assert.Equal(["abc (version 2, expires 2026-11-22T10:00:00Z)"], run.OutLines);
    }

    [Fact]
    public async Task Get_Stale_ReadsWithStaleConsistency()
    {
        await Client("put", "k", "v");
        var run = await Client("get", "k", "--stale");
        await Client("get", "k");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([("k", ReadConsistency.Stale), ("k", ReadConsistency.Linearizable)], _cluster.State.Reads);
    }

    [Fact]
    public async Task Get_MissingKey_Exit1AndOneErrLine()
    {
        var run = await Client("get", "nothing-here");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.Equal(["ERR not-found: key 'nothing-here' not found"], run.ErrLines);
    }

    [Fact]
    public async Task Get_KeyWithSlashSpacesAndUnicode_RoundTrips()
    {
        await Client("put", "clé à/b", "naïve");
        var run = await Client("get", "clé à/b");

        Assert.Equal(["naïve (version 2)"], run.OutLines);
    }

    [Fact]
    public async Task Delete_ExistingKey_PrintsOkDeletedThenGetFails()
    {
        await Client("put", "k", "v");
        var deleted = await Client("delete", "k");
        var after = await Client("get", "k");

        Assert.Equal(0, deleted.ExitCode);
        Assert.Equal(["OK deleted"], deleted.OutLines);
        Assert.Equal(1, after.ExitCode);
    }

    [Fact]
    public async Task Delete_MissingKey_SaysSoAndSucceeds()
    {
        var run = await Client("delete", "never");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["OK (no such key)"], run.OutLines);
    }

    [Fact]
    public async Task Cas_MatchingVersion_PrintsNewVersion()
    {
        await Client("put", "k", "v1");
        var run = await Client("cas", "k", "2", "v2");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["OK 4"], run.OutLines);
        Assert.Equal(["v2 (version 4)"], (await Client("get", "k")).OutLines);
    }

    [Fact]
    public async Task Cas_StaleVersion_Exit1WithCurrentVersion()
    {
        await Client("put", "k", "v1");
        await Client("put", "k", "v2");
        var run = await Client("cas", "k", "2", "v3");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["ERR version-mismatch: key 'k' is at version 4, not 2 (current version 4)"], run.ErrLines);
    }

    [Fact]
    public async Task Json_PutGetDeleteCas_PrintParseableDocuments()
    {
        var put = await Client("--json", "put", "k", "v", "--ttl", "30");
        using var get = JsonDocument.Parse((await Client("get", "k", "--json")).Out);
        var cas = await Client("--json", "cas", "k", "2", "w");
        var delete = await Client("--json", "delete", "k");

        Assert.Equal(["{\"key\":\"k\",\"version\":2}"], put.OutLines);
        Assert.Equal("v", get.RootElement.GetProperty("value").GetString());
        Assert.Equal(2, get.RootElement.GetProperty("version").GetInt64());
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero), get.RootElement.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(["{\"key\":\"k\",\"version\":4}"], cas.OutLines);
        Assert.Equal(["{\"key\":\"k\",\"deleted\":true}"], delete.OutLines);
    }

    [Fact]
    public async Task Json_Error_IsOneJsonLineOnStderr()
    {
        var run = await Client("--json", "get", "missing");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["{\"error\":\"not-found\",\"message\":\"key 'missing' not found\"}"], run.ErrLines);
    }

    [Fact]
    public async Task Put_SubmitsValueAndTtlWithARequestId()
    {
        await Client("put", "k", "v", "--ttl", "5");

        var (operation, requestId) = Assert.Single(_cluster.State.Submissions);
        Assert.Equal(new Operation.Put("k", "v", 5), operation);
        Assert.Equal(1, requestId?.Sequence);
    }

    private Task<ClientRun> Client(params string[] args) => ClientRun.RunAsync(_cluster, args);
}

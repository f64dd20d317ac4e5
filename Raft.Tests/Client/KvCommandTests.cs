using System.Text.Json;

namespace Raft.Tests.Client;

// Proves that put, get, delete and cas print what they promise (text and --json) and exit 0 on success,
// 1 with one ERR line on stderr when the cluster refuses (not-found, version-mismatch), by running the
// console in-process against a fake silo that implements the HTTP API in memory.
public sealed class KvCommandTests : IAsyncLifetime
{
    private FakeRaftServer _silo = null!;

    public async ValueTask InitializeAsync() => _silo = await FakeRaftServer.StartAsync();

    public ValueTask DisposeAsync() => _silo.DisposeAsync();

    [Fact]
    public async Task Put_NewKey_PrintsOkAndVersion1()
    {
        var run = await Client("put", "color", "blue");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["OK 1"], run.OutLines);
        Assert.Empty(run.Err);
    }

    [Fact]
    public async Task Put_Twice_VersionIncreases()
    {
        await Client("put", "color", "blue");
        var run = await Client("put", "color", "green");

        Assert.Equal(["OK 2"], run.OutLines);
    }

    [Fact]
    public async Task Get_ExistingKey_PrintsValueAndVersion()
    {
        await Client("put", "greeting", "hello world");
        var run = await Client("get", "greeting");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["hello world (version 1)"], run.OutLines);
    }

    [Fact]
    public async Task Get_KeyWithTtl_PrintsExpiry()
    {
        await Client("put", "session", "abc", "--ttl", "60");
        var run = await Client("get", "session");

        Assert.StartsWith("abc (version 1, expires ", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Stale_SendsStaleQuery()
    {
        await Client("put", "k", "v");
        var run = await Client("get", "k", "--stale");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(_silo.Requests, r => r.Method == "GET" && r.Query == "?stale=true");
    }

    [Fact]
    public async Task Get_MissingKey_Exit1AndOneErrLine()
    {
        var run = await Client("get", "nothing-here");

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Out);
        var line = Assert.Single(run.ErrLines);
        Assert.StartsWith("ERR not-found:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_KeyWithSpacesAndUnicode_RoundTrips()
    {
        await Client("put", "clé à/b", "naïve");
        var run = await Client("get", "clé à/b");

        Assert.Equal(["naïve (version 1)"], run.OutLines);
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
        var run = await Client("cas", "k", "1", "v2");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["OK 2"], run.OutLines);
        Assert.Equal(["v2 (version 2)"], (await Client("get", "k")).OutLines);
    }

    [Fact]
    public async Task Cas_StaleVersion_Exit1WithCurrentVersion()
    {
        await Client("put", "k", "v1");
        await Client("put", "k", "v2");
        var run = await Client("cas", "k", "1", "v3");

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrLines);
        Assert.StartsWith("ERR version-mismatch:", line, StringComparison.Ordinal);
        Assert.EndsWith("(current version 2)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_PutGetDeleteCas_PrintParseableDocuments()
    {
        using var put = JsonDocument.Parse((await Client("--json", "put", "k", "v", "--ttl", "30")).Out);
        using var get = JsonDocument.Parse((await Client("get", "k", "--json")).Out);
        using var cas = JsonDocument.Parse((await Client("--json", "cas", "k", "1", "w")).Out);
        using var delete = JsonDocument.Parse((await Client("--json", "delete", "k")).Out);

        Assert.Equal(1, put.RootElement.GetProperty("version").GetInt64());
        Assert.Equal("v", get.RootElement.GetProperty("value").GetString());
        Assert.Equal(JsonValueKind.String, get.RootElement.GetProperty("expiresAt").ValueKind);
        Assert.Equal(2, cas.RootElement.GetProperty("version").GetInt64());
        Assert.True(delete.RootElement.GetProperty("deleted").GetBoolean());
    }

    [Fact]
    public async Task Json_Error_IsOneJsonLineOnStderr()
    {
        var run = await Client("--json", "get", "missing");

        Assert.Equal(1, run.ExitCode);
        using var error = JsonDocument.Parse(Assert.Single(run.ErrLines));
        Assert.Equal("not-found", error.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Put_SendsValueAndTtlAsJson()
    {
        await Client("put", "k", "v", "--ttl", "5");

        var request = Assert.Single(_silo.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/kv/k", request.Path);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("v", body.RootElement.GetProperty("value").GetString());
        Assert.Equal(5, body.RootElement.GetProperty("ttlSeconds").GetInt32());
    }

    private Task<ClientRun> Client(params string[] args) => ClientRun.RunAsync(["--endpoints", _silo.Address, .. args]);
}

using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Http;

// Proves the key-value endpoints answer in the contract's exact JSON (member names, order, nulls and the
// UTC "Z" timestamp, compared as whole strings), with versions that are the real state machine's log
// indexes: put, get (linearizable and ?stale=true), delete of a present and a missing key, cas that writes
// and cas that mismatches (409 with currentVersion), and keys that need escaping in the URL.
public sealed class KeyValueApiTests : IAsyncLifetime
{
    private ApiHost _api = null!;

    public async ValueTask InitializeAsync() => _api = await ApiHost.StartAsync();

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    [Fact]
    public async Task Put_ThenGet_ReturnsVersionAndValue()
    {
        var put = await _api.PutAsync("kv/k", """{"value":"v"}""");
        var get = await _api.GetAsync("kv/k");

        // Index 1 opened the anonymous session; the put is entry 2.
        Assert.Equal(200, put.Status);
        Assert.Equal("application/json; charset=utf-8", put.ContentType);
        Assert.Equal("""{"key":"k","version":2}""", put.Body);
        Assert.Equal(200, get.Status);
        Assert.Equal("""{"key":"k","value":"v","version":2,"expiresAt":null}""", get.Body);
        Assert.Equal(("k", ReadConsistency.Linearizable), Assert.Single(_api.Cluster.Reads));
    }

    [Fact]
    public async Task Put_WithTtl_GetShowsExpiryInUtc()
    {
        // The fake's clock is 2026-11-22T09:59:30Z, so 30 s later is on the minute.
        var put = await _api.PutAsync("kv/k", """{"value":"v","ttlSeconds":30}""");
        var get = await _api.GetAsync("kv/k");

        Assert.Equal(200, put.Status);
        Assert.Equal(new Operation.Put("k", "v", 30), _api.Cluster.Submissions.Last().Operation);
        Assert.Equal("""{"key":"k","value":"v","version":2,"expiresAt":"2026-11-22T10:00:00Z"}""", get.Body);
    }

    [Fact]
    public async Task Put_NullTtl_AsRaftClientSendsIt_NeverExpires()
    {
        var put = await _api.PutAsync("kv/k", """{"value":"v","ttlSeconds":null}""");

        Assert.Equal(200, put.Status);
        Assert.Equal(new Operation.Put("k", "v"), _api.Cluster.Submissions.Single().Operation);
    }

    [Fact]
    public async Task Get_Stale_AsksForAStaleRead()
    {
        await _api.PutAsync("kv/k", """{"value":"v"}""");
        var get = await _api.GetAsync("kv/k?stale=true");

        Assert.Equal(200, get.Status);
        Assert.Equal(("k", ReadConsistency.Stale), Assert.Single(_api.Cluster.Reads));
    }

    [Fact]
    public async Task Get_StaleNotABoolean_400WithoutReading()
    {
        var get = await _api.GetAsync("kv/k?stale=maybe");

        Assert.Equal(400, get.Status);
        Assert.Contains("'stale' must be true or false", get.Body, StringComparison.Ordinal);
        Assert.Empty(_api.Cluster.Reads);
    }

    [Fact]
    public async Task Get_Missing_404NotFoundProblem()
    {
        var get = await _api.GetAsync("kv/nope");

        Assert.Equal(404, get.Status);
        Assert.Equal("application/problem+json", get.ContentType);
        Assert.Equal("""{"type":"about:blank","title":"Not Found","status":404,"detail":"key 'nope' not found","code":"not-found"}""", get.Body);
    }

    [Fact]
    public async Task Delete_Present_DeletedTrue_ThenGetIs404()
    {
        await _api.PutAsync("kv/k", """{"value":"v"}""");
        var delete = await _api.SendAsync(HttpMethod.Delete, "kv/k");

        Assert.Equal(200, delete.Status);
        Assert.Equal("""{"key":"k","deleted":true}""", delete.Body);
        Assert.Equal(404, (await _api.GetAsync("kv/k")).Status);
    }

    [Fact]
    public async Task Delete_Missing_200DeletedFalse()
    {
        // Raft.Client prints "OK (no such key)" for deleted:false; a 404 would make it exit 1.
        var delete = await _api.SendAsync(HttpMethod.Delete, "kv/nope");

        Assert.Equal(200, delete.Status);
        Assert.Equal("""{"key":"nope","deleted":false}""", delete.Body);
    }

    [Fact]
    public async Task Cas_ExpectedVersionMatches_WritesNewVersion()
    {
        await _api.PutAsync("kv/k", """{"value":"v1"}""");
        var cas = await _api.SendAsync(HttpMethod.Post, "kv/k/cas", """{"expectedVersion":2,"value":"v2","ttlSeconds":null}""");

        Assert.Equal(200, cas.Status);
        Assert.Equal("""{"key":"k","version":3}""", cas.Body);
        Assert.Contains("\"value\":\"v2\"", (await _api.GetAsync("kv/k")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cas_ZeroOnMissingKey_Creates()
    {
        var cas = await _api.SendAsync(HttpMethod.Post, "kv/k/cas", """{"expectedVersion":0,"value":"v"}""");

        Assert.Equal("""{"key":"k","version":2}""", cas.Body);
    }

    [Fact]
    public async Task Cas_VersionMismatch_409WithCurrentVersion_ValueUnchanged()
    {
        await _api.PutAsync("kv/k", """{"value":"v1"}""");
        var cas = await _api.SendAsync(HttpMethod.Post, "kv/k/cas", """{"expectedVersion":7,"value":"v2"}""");

        Assert.Equal(409, cas.Status);
        Assert.Equal("application/problem+json", cas.ContentType);
        Assert.Equal(
            """{"type":"about:blank","title":"Conflict","status":409,"detail":"key 'k' is at version 2, not 7","code":"version-mismatch","currentVersion":2}""",
            cas.Body);
        Assert.Contains("\"value\":\"v1\"", (await _api.GetAsync("kv/k")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_WithSlashPercentAndUnicode_RoundTripsExactly()
    {
        // Raft.Client escapes keys with Uri.EscapeDataString; "a/b" and "a%2Fb" must stay two keys.
        foreach (var key in new[] { "a/b", "a%2Fb", "über key", "x/cas" })
        {
            var put = await _api.PutAsync("kv/" + Uri.EscapeDataString(key), $$"""{"value":"{{key.Replace("%", "pct", StringComparison.Ordinal)}}"}""");
            Assert.Equal(200, put.Status);
        }

        var keys = _api.Cluster.Submissions.Select(s => ((Operation.Put)s.Operation).Key);
        Assert.Equal(["a/b", "a%2Fb", "über key", "x/cas"], keys);
        Assert.Contains("\"value\":\"apct2Fb\"", (await _api.GetAsync("kv/a%252Fb")).Body, StringComparison.Ordinal);
        Assert.Contains("\"key\":\"a/b\"", (await _api.GetAsync("kv/a%2Fb")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_PercentEscapeNotUtf8_400WithoutSubmitting()
    {
        var put = await _api.PutAsync("kv/%FF", """{"value":"v"}""");

        Assert.Equal(400, put.Status);
        Assert.Contains("not percent-encoded UTF-8", put.Body, StringComparison.Ordinal);
        Assert.Equal(0, _api.Cluster.Calls);
    }
}

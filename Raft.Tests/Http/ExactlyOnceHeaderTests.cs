using Raft.Grains.Client;

namespace Raft.Tests.Http;

// Proves the exactly-once headers reach the cluster client as a ClientRequestId on every submission (key-value
// writes and the queue's writes, including GET /message, which dequeues), that a retry with the same pair is
// answered from the session without applying again, and that half a pair or a malformed one is 400 with
// nothing submitted.
public sealed class ExactlyOnceHeaderTests : IAsyncLifetime
{
    private ApiHost _api = null!;

    public async ValueTask InitializeAsync() => _api = await ApiHost.StartAsync();

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    [Theory]
    [InlineData("PUT", "kv/k", """{"value":"v"}""")]
    [InlineData("DELETE", "kv/k", null)]
    [InlineData("POST", "kv/k/cas", """{"expectedVersion":0,"value":"v"}""")]
    [InlineData("PUT", "topic", """{"topic":"t"}""")]
    [InlineData("PUT", "message", """{"topic":"t","message":"m"}""")]
    [InlineData("GET", "message/t", null)]
    public async Task Submission_PassesTheRequestIdThrough(string method, string path, string? body)
    {
        var response = await _api.SendAsync(new HttpMethod(method), path, body, ("Raft-Client-Id", "client-7"), ("Raft-Request-Sequence", "42"));

        Assert.Equal(200, response.Status);
        Assert.Equal(new ClientRequestId("client-7", 42), Assert.Single(_api.Cluster.Submissions).RequestId);
    }

    [Fact]
    public async Task Submission_WithoutHeaders_HasNoRequestId()
    {
        await _api.PutAsync("kv/k", """{"value":"v"}""");

        Assert.Null(Assert.Single(_api.Cluster.Submissions).RequestId);
    }

    [Fact]
    public async Task Retry_SamePair_ReturnsTheRecordedVersion_AppliesOnce()
    {
        (string, string)[] pair = [("Raft-Client-Id", "c"), ("Raft-Request-Sequence", "1")];

        var first = await _api.SendAsync(HttpMethod.Put, "kv/k", """{"value":"first"}""", pair);
        var retry = await _api.SendAsync(HttpMethod.Put, "kv/k", """{"value":"second"}""", pair);

        Assert.Equal("""{"key":"k","version":2}""", first.Body);
        Assert.Equal(first.Body, retry.Body);
        Assert.Contains("\"value\":\"first\"", (await _api.GetAsync("kv/k")).Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Raft-Client-Id", "c")]
    [InlineData("Raft-Request-Sequence", "1")]
    public async Task OneHeaderAlone_400NothingSubmitted(string name, string value)
    {
        var response = await _api.SendAsync(HttpMethod.Put, "kv/k", """{"value":"v"}""", (name, value));

        Assert.Equal(400, response.Status);
        Assert.Contains("send both or neither", response.Body, StringComparison.Ordinal);
        Assert.Equal(0, _api.Cluster.Calls);
    }

    [Theory]
    [InlineData("c", "0", "Raft-Request-Sequence must be an integer from 1")]
    [InlineData("c", "-1", "Raft-Request-Sequence must be an integer from 1")]
    [InlineData("c", "abc", "Raft-Request-Sequence must be an integer from 1")]
    [InlineData("c", "9223372036854775808", "Raft-Request-Sequence must be an integer from 1")]
    [InlineData("", "1", "Raft-Client-Id must be 1 to 128 characters")]
    public async Task MalformedPair_400NothingSubmitted(string clientId, string sequence, string detail)
    {
        var response = await _api.SendAsync(HttpMethod.Put, "kv/k", """{"value":"v"}""", ("Raft-Client-Id", clientId), ("Raft-Request-Sequence", sequence));

        Assert.Equal(400, response.Status);
        Assert.Contains(detail, response.Body, StringComparison.Ordinal);
        Assert.Equal(0, _api.Cluster.Calls);
    }

    [Fact]
    public async Task ClientIdOf128Chars_Accepted_129Refused()
    {
        var ok = await _api.SendAsync(HttpMethod.Put, "kv/k", """{"value":"v"}""", ("Raft-Client-Id", new string('c', 128)), ("Raft-Request-Sequence", "1"));
        var tooLong = await _api.SendAsync(HttpMethod.Put, "kv/k", """{"value":"v"}""", ("Raft-Client-Id", new string('c', 129)), ("Raft-Request-Sequence", "1"));

        Assert.Equal(200, ok.Status);
        Assert.Equal(400, tooLong.Status);
        Assert.Single(_api.Cluster.Submissions);
    }

    [Fact]
    public async Task Read_IgnoresTheHeaders()
    {
        var response = await _api.SendAsync(HttpMethod.Get, "kv/k", null, ("Raft-Client-Id", "c"));

        Assert.Equal(404, response.Status);
        Assert.Single(_api.Cluster.Reads);
    }
}

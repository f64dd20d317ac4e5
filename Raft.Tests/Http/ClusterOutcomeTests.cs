using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Http;

// Proves every way the cluster can fail a request maps to the documented problem on every kind of endpoint
// (a submission, a read, a topic listing, a queue write): not-leader 421 with and without the leader's address,
// timeout 504, unavailable 503, the cluster's own bad-request 400 and too-large 413; a state-machine Invalid
// is 400, an expired session 503, a result that does not fit the request 500; a call Orleans could not deliver
// to the silo's own client grain 503; and a silo without a cluster client answers 503 instead of failing to start.
public sealed class ClusterOutcomeTests : IAsyncLifetime
{
    private ApiHost _api = null!;

    public static TheoryData<string, string, string?> Requests => new()
    {
        { "PUT", "kv/k", """{"value":"v"}""" },
        { "GET", "kv/k", null },
        { "DELETE", "kv/k", null },
        { "POST", "kv/k/cas", """{"expectedVersion":1,"value":"v"}""" },
        { "PUT", "topic", """{"topic":"t"}""" },
        { "GET", "topic", null },
        { "PUT", "message", """{"topic":"t","message":"m"}""" },
        { "GET", "message/t", null },
    };

    public async ValueTask InitializeAsync() => _api = await ApiHost.StartAsync();

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task NotLeader_KnownLeader_421WithLeader(string method, string path, string? body)
    {
        _api.Cluster.Failure = CommandOutcome.NotLeader("http://127.0.0.1:8081");

        var response = await _api.SendAsync(new HttpMethod(method), path, body);

        Assert.Equal(421, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Equal(
            """{"type":"about:blank","title":"Misdirected Request","status":421,"detail":"this silo does not host the leader; the leader is at http://127.0.0.1:8081","code":"not-leader","leader":"http://127.0.0.1:8081"}""",
            response.Body);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task NotLeader_UnknownLeader_421WithoutLeaderMember(string method, string path, string? body)
    {
        _api.Cluster.Failure = CommandOutcome.NotLeader(null);

        var response = await _api.SendAsync(new HttpMethod(method), path, body);

        Assert.Equal(421, response.Status);
        Assert.DoesNotContain("\"leader\"", response.Body, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"not-leader\"", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Timeout_504(string method, string path, string? body)
    {
        _api.Cluster.Failure = CommandOutcome.Failed(OutcomeStatus.Timeout, "no commit within 5 s");

        var response = await _api.SendAsync(new HttpMethod(method), path, body);

        Assert.Equal(
            """{"type":"about:blank","title":"Gateway Timeout","status":504,"detail":"no commit within 5 s","code":"timeout"}""",
            response.Body);
        Assert.Equal(504, response.Status);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Unavailable_503(string method, string path, string? body)
    {
        _api.Cluster.Failure = CommandOutcome.Failed(OutcomeStatus.Unavailable, "no quorum");

        var response = await _api.SendAsync(new HttpMethod(method), path, body);

        Assert.Equal(503, response.Status);
        Assert.Equal(
            """{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"no quorum","code":"unavailable"}""",
            response.Body);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task CallToTheClientGrainRejectedByOrleans_503Unavailable_NotAServerFault(string method, string path, string? body)
    {
        // Orleans makes these itself: its constructors are internal.
        _api.Cluster.Thrown = (Exception)Activator.CreateInstance(typeof(Orleans.Runtime.OrleansMessageRejectionException),
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic, null, ["Exception while sending message: unable to connect"], null)!;

        var response = await _api.SendAsync(new HttpMethod(method), path, body);
        _api.Cluster.Thrown = null;

        Assert.Equal(503, response.Status);
        Assert.Equal(
            """{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"this silo lost the call to its cluster client; it may or may not have applied, so retry with the same Raft-Client-Id and Raft-Request-Sequence","code":"unavailable"}""",
            response.Body);
        Assert.Equal(404, (await _api.GetAsync("kv/k")).Status);
    }

    [Theory]
    [InlineData(OutcomeStatus.BadRequest, 400, "bad-request")]
    [InlineData(OutcomeStatus.TooLarge, 413, "too-large")]
    public async Task ClusterRefusal_MapsToItsProblem(OutcomeStatus status, int httpStatus, string code)
    {
        _api.Cluster.Failure = CommandOutcome.Failed(status, "refused by the cluster");

        var response = await _api.PutAsync("kv/k", """{"value":"v"}""");

        Assert.Equal(httpStatus, response.Status);
        Assert.Contains($"\"code\":\"{code}\"", response.Body, StringComparison.Ordinal);
        Assert.Contains("refused by the cluster", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidFromStateMachine_400WithItsReason()
    {
        _api.Cluster.ForcedResult = new CommandResult.Invalid("stale sequence");

        var response = await _api.PutAsync("kv/k", """{"value":"v"}""");

        Assert.Equal(400, response.Status);
        Assert.Contains("\"detail\":\"stale sequence\",\"code\":\"bad-request\"", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionExpired_503SoTheClientRetries()
    {
        _api.Cluster.ForcedResult = new CommandResult.SessionExpired();

        var response = await _api.SendAsync(HttpMethod.Get, "message/t");

        Assert.Equal(503, response.Status);
        Assert.Contains("\"code\":\"unavailable\"", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultThatDoesNotFit_500Internal()
    {
        _api.Cluster.ForcedResult = new CommandResult.Topics(["t"]);

        var response = await _api.PutAsync("kv/k", """{"value":"v"}""");

        Assert.Equal(500, response.Status);
        Assert.Contains("\"code\":\"internal\"", response.Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task NoClusterClient_503Unavailable(string method, string path, string? body)
    {
        await using var api = await ApiHost.StartAsync(withCluster: false);

        var response = await api.SendAsync(new HttpMethod(method), path, body);

        Assert.Equal(503, response.Status);
        Assert.Contains("\"detail\":\"this silo has no cluster client\",\"code\":\"unavailable\"", response.Body, StringComparison.Ordinal);
    }
}

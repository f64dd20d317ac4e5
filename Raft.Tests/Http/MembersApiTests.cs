using System.Text.Json;
using Raft.Core.Members;
using Raft.Grains.Members;

namespace Raft.Tests.Http;

// Proves the membership endpoints over a fake cluster client that changes its membership by the core's own
// rules: GET /cluster/members in the contract's JSON, a committed add, promote, remove and transfer, and
// every refusal as problem JSON with its stable code and status; a request refused by the API itself (bad
// id, bad body) never reaches the cluster, and no refusal changes the membership.
public sealed class MembersApiTests : IAsyncLifetime
{
    private ApiHost _api = null!;

    public async ValueTask InitializeAsync() => _api = await ApiHost.StartAsync();

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    [Fact]
    public async Task Members_ExactJson()
    {
        _api.Cluster.Members = Membership.Of([1, 2, 3], [4]);
        _api.Cluster.ConfiguredPeers = [1, 2, 3, 4, 5];

        var response = await _api.GetAsync("cluster/members");

        Assert.Equal(200, response.Status);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal(1, body.RootElement.GetProperty("leader").GetInt32());
        Assert.Equal("[1,2,3]", body.RootElement.GetProperty("voters").GetRawText());
        Assert.Equal("[4]", body.RootElement.GetProperty("learners").GetRawText());
        Assert.Equal(
            """{"id":5,"silo":"member-4","address":"http://127.0.0.1:8085","role":"none","matchIndex":null,"reachable":true}""",
            body.RootElement.GetProperty("members")[4].GetRawText());
        Assert.Equal("learner", body.RootElement.GetProperty("members")[3].GetProperty("role").GetString());
    }

    [Fact]
    public async Task AddLearner_Promote_Remove_Transfer_Committed()
    {
        var add = await _api.SendAsync(HttpMethod.Post, "cluster/members", """{"id":4,"learner":true}""");
        Assert.Equal(200, add.Status);
        Assert.Equal("""{"id":4,"role":"learner","index":1}""", add.Body);

        var promote = await _api.SendAsync(HttpMethod.Post, "cluster/members/4/promote");
        Assert.Equal("""{"id":4,"role":"voter","index":2}""", promote.Body);

        var transfer = await _api.SendAsync(HttpMethod.Post, "cluster/leader", """{"to":4}""");
        Assert.Equal(200, transfer.Status);
        Assert.Equal("""{"leader":4,"leaderAddress":"http://127.0.0.1:8084"}""", transfer.Body);

        var remove = await _api.SendAsync(HttpMethod.Delete, "cluster/members/2");
        Assert.Equal("""{"id":2,"role":"none","index":3}""", remove.Body);
        Assert.Equal(Membership.Of([1, 3, 4]), _api.Cluster.Members);
    }

    [Theory]
    [InlineData("POST", "cluster/members", """{"id":2}""", 409, "already-member")]
    [InlineData("POST", "cluster/members", """{"id":9,"learner":true}""", 400, "invalid-peer")]
    [InlineData("POST", "cluster/members/2/promote", null, 409, "already-voter")]
    [InlineData("POST", "cluster/members/5/promote", null, 404, "unknown-member")]
    [InlineData("DELETE", "cluster/members/5", null, 404, "unknown-member")]
    [InlineData("POST", "cluster/leader", """{"to":5}""", 404, "unknown-member")]
    public async Task Refusal_TypedProblem_ChangesNothing(string method, string path, string? json, int status, string code)
    {
        var before = _api.Cluster.Members;

        var response = await _api.SendAsync(new HttpMethod(method), path, json);

        AssertProblem(response, status, code);
        Assert.Equal(before, _api.Cluster.Members);
        Assert.Equal(1, _api.Cluster.Leader);
    }

    [Fact]
    public async Task RemoveLastVoter_Conflict()
    {
        _api.Cluster.Members = Membership.Of([1]);

        AssertProblem(await _api.SendAsync(HttpMethod.Delete, "cluster/members/1"), 409, "last-voter");
        Assert.Equal(Membership.Of([1]), _api.Cluster.Members);
    }

    [Fact]
    public async Task TransferToLearner_Conflict()
    {
        _api.Cluster.Members = Membership.Of([1, 2, 3], [4]);

        AssertProblem(await _api.SendAsync(HttpMethod.Post, "cluster/leader", """{"to":4}"""), 409, "not-a-voter");
        Assert.Equal(1, _api.Cluster.Leader);
    }

    [Theory]
    [InlineData(MembershipStatus.ChangePending, 409, "change-pending")]
    [InlineData(MembershipStatus.LeaderNotReady, 503, "leader-not-ready")]
    [InlineData(MembershipStatus.TransferInProgress, 503, "transfer-in-progress")]
    [InlineData(MembershipStatus.Timeout, 504, "timeout")]
    [InlineData(MembershipStatus.Unavailable, 503, "unavailable")]
    public async Task ClusterRefusal_TypedProblem(MembershipStatus failure, int status, string code)
    {
        _api.Cluster.MembershipFailure = failure;

        var response = await _api.SendAsync(HttpMethod.Post, "cluster/members", """{"id":4,"learner":true}""");

        AssertProblem(response, status, code);
        Assert.Equal(Membership.Of([1, 2, 3]), _api.Cluster.Members);
    }

    [Fact]
    public async Task LeaderNotReady_SaysWhenToRetry()
    {
        _api.Cluster.MembershipFailure = MembershipStatus.LeaderNotReady;

        using var request = new HttpRequestMessage(HttpMethod.Delete, "cluster/members/3");
        using var response = await _api.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
    }

    [Theory]
    [InlineData("POST", "cluster/members", """{"learner":true}""")]
    [InlineData("POST", "cluster/members", """{"id":"4"}""")]
    [InlineData("POST", "cluster/members", """{"id":4,"learner":"yes"}""")]
    [InlineData("POST", "cluster/members", """{"id":0}""")]
    [InlineData("POST", "cluster/members", """{"id":4294967297}""")]
    [InlineData("POST", "cluster/members", "[4]")]
    [InlineData("POST", "cluster/members/x/promote", null)]
    [InlineData("DELETE", "cluster/members/-1", null)]
    [InlineData("POST", "cluster/leader", """{"to":-3}""")]
    [InlineData("POST", "cluster/leader", "")]
    public async Task BadRequest_NeverReachesTheCluster(string method, string path, string? json)
    {
        var response = await _api.SendAsync(new HttpMethod(method), path, json);

        AssertProblem(response, 400, "bad-request");
        Assert.Empty(_api.Cluster.MembershipChanges);
    }

    private static void AssertProblem(ApiResponse response, int status, string code)
    {
        Assert.True(response.Status == status, response.ToString());
        Assert.Equal("application/problem+json", response.ContentType);
        using var body = JsonDocument.Parse(response.Body);
        Assert.Equal(code, body.RootElement.GetProperty("code").GetString());
        Assert.Equal(status, body.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("detail").GetString()));
    }
}

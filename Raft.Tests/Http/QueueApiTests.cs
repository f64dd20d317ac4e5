using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Http;

// Proves the message queue speaks seed 002's API exactly, in whole JSON bodies: creating a topic succeeds once
// and a duplicate is {"success":false}; topics list in creation order; messages come out first in, first
// out; an empty or missing topic is {"success":false} (200, not a problem); an empty message is a message.
public sealed class QueueApiTests : IAsyncLifetime
{
    private ApiHost _api = null!;

    public async ValueTask InitializeAsync() => _api = await ApiHost.StartAsync();

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    [Fact]
    public async Task CreateTopic_Twice_SecondIsSuccessFalse()
    {
        var first = await _api.PutAsync("topic", """{"topic":"t"}""");
        var second = await _api.PutAsync("topic", """{"topic":"t"}""");

        Assert.Equal((200, """{"success":true}"""), (first.Status, first.Body));
        Assert.Equal((200, """{"success":false}"""), (second.Status, second.Body));
        Assert.Equal("application/json; charset=utf-8", second.ContentType);
    }

    [Fact]
    public async Task ListTopics_InCreationOrder()
    {
        foreach (var topic in new[] { "zeta", "alpha", "mid" }) await _api.PutAsync("topic", $$"""{"topic":"{{topic}}"}""");

        var list = await _api.GetAsync("topic");

        Assert.Equal(200, list.Status);
        Assert.Equal("""{"success":true,"topics":["zeta","alpha","mid"]}""", list.Body);
        Assert.Equal(("topics", ReadConsistency.Linearizable), Assert.Single(_api.Cluster.Reads));
    }

    [Fact]
    public async Task ListTopics_None_EmptyList_StaleOnRequest()
    {
        var list = await _api.GetAsync("topic?stale=true");

        Assert.Equal("""{"success":true,"topics":[]}""", list.Body);
        Assert.Equal(("topics", ReadConsistency.Stale), Assert.Single(_api.Cluster.Reads));
    }

    [Fact]
    public async Task Messages_ComeOutFirstInFirstOut_ThenEmptyIsSuccessFalse()
    {
        await _api.PutAsync("topic", """{"topic":"t"}""");
        foreach (var message in new[] { "one", "two", "" })
        {
            Assert.Equal("""{"success":true}""", (await _api.PutAsync("message", $$"""{"topic":"t","message":"{{message}}"}""")).Body);
        }

        var taken = new List<string>();
        for (var i = 0; i < 4; i++) taken.Add((await _api.GetAsync("message/t")).Body);

        Assert.Equal(
            ["""{"success":true,"message":"one"}""", """{"success":true,"message":"two"}""", """{"success":true,"message":""}""", """{"success":false}"""],
            taken);
    }

    [Fact]
    public async Task PutMessage_MissingTopic_SuccessFalse()
    {
        var put = await _api.PutAsync("message", """{"topic":"nope","message":"m"}""");

        Assert.Equal((200, """{"success":false}"""), (put.Status, put.Body));
    }

    [Fact]
    public async Task GetMessage_MissingTopic_SuccessFalse()
    {
        var get = await _api.GetAsync("message/nope");

        Assert.Equal((200, """{"success":false}"""), (get.Status, get.Body));
    }

    [Fact]
    public async Task GetMessage_IsASubmission_NotARead()
    {
        await _api.GetAsync("message/" + Uri.EscapeDataString("a/b"));

        Assert.Equal(new Operation.GetMessage("a/b"), Assert.Single(_api.Cluster.Submissions).Operation);
        Assert.Empty(_api.Cluster.Reads);
    }
}

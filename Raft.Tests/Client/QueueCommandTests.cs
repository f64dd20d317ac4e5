using System.Text.Json;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Client;

// Proves the message-queue commands (topic create/list, message put/get) print their results (topics in
// creation order, messages first in first out), map the cluster's queue failure to exit 1 with a reason on
// stderr, produce parseable --json, and submit `message get` (it dequeues) as a write with a request id.
public sealed class QueueCommandTests
{
    private readonly FakeCluster _cluster = new();

    [Fact]
    public async Task TopicCreate_ThenList_ShowsTopicsOnePerLine()
    {
        Assert.Equal(["OK"], (await Client("topic", "create", "orders")).OutLines);
        await Client("topic", "create", "audit");
        var list = await Client("topic", "list");

        Assert.Equal(0, list.ExitCode);
        Assert.Equal(["orders", "audit"], list.OutLines);
    }

    [Fact]
    public async Task TopicCreate_Existing_Exit1()
    {
        await Client("topic", "create", "orders");
        var run = await Client("topic", "create", "orders");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERR topic-exists:", Assert.Single(run.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessagePutThenGet_ReturnsMessagesInOrder()
    {
        await Client("topic", "create", "t");
        Assert.Equal(0, (await Client("message", "put", "t", "first")).ExitCode);
        await Client("message", "put", "t", "second message");

        Assert.Equal(["first"], (await Client("message", "get", "t")).OutLines);
        Assert.Equal(["second message"], (await Client("message", "get", "t")).OutLines);
    }

    [Fact]
    public async Task MessagePut_NoSuchTopic_Exit1()
    {
        var run = await Client("message", "put", "nowhere", "m");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERR no-such-topic:", Assert.Single(run.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MessageGet_EmptyTopic_Exit1()
    {
        await Client("topic", "create", "t");
        var run = await Client("message", "get", "t");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERR no-message:", Assert.Single(run.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_QueueCommands_PrintParseableDocuments()
    {
        using var created = JsonDocument.Parse((await Client("--json", "topic", "create", "t")).Out);
        using var queued = JsonDocument.Parse((await Client("--json", "message", "put", "t", "m")).Out);
        using var list = JsonDocument.Parse((await Client("--json", "topic", "list")).Out);
        using var taken = JsonDocument.Parse((await Client("--json", "message", "get", "t")).Out);

        Assert.True(created.RootElement.GetProperty("created").GetBoolean());
        Assert.True(queued.RootElement.GetProperty("queued").GetBoolean());
        Assert.Equal("t", Assert.Single(list.RootElement.GetProperty("topics").EnumerateArray()).GetString());
        Assert.Equal("m", taken.RootElement.GetProperty("message").GetString());
    }

    private Task<ClientRun> Client(params string[] args) => ClientRun.RunAsync(_cluster, args);

    [Fact]
    public async Task MessageGet_IsAWriteWithARequestId_TopicListIsARead()
    {
        await Client("topic", "create", "t");
        await Client("topic", "list");
        await Client("message", "get", "t");

        Assert.Equal([new Operation.CreateTopic("t"), new Operation.GetMessage("t")], _cluster.State.Submissions.Select(s => s.Operation));
        Assert.All(_cluster.State.Submissions, s => Assert.NotNull(s.RequestId));
        Assert.Equal([("topics", ReadConsistency.Linearizable)], _cluster.State.Reads);
    }
}

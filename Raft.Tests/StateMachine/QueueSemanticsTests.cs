using Raft.Grains.StateMachine;

namespace Raft.Tests.StateMachine;

/// <summary>
/// Proves the message queue behaves as seed 002's tests demand: creating a topic twice fails, topics list
/// in creation order, messages come out first in first out and are removed, and putting to or getting from
/// a missing topic, or getting from an empty one, fails without changing anything.
/// </summary>
public sealed class QueueSemanticsTests
{
    [Fact]
    public void CreateTopic_Twice_Fails()
    {
        var harness = new StateMachineHarness();
        Assert.Equal(new CommandResult.QueueSuccess(), harness.Run(new Operation.CreateTopic("orders")));
        Assert.IsType<CommandResult.QueueFailure>(harness.Run(new Operation.CreateTopic("orders")));
        Assert.Equal(new CommandResult.Topics(["orders"]), harness.Run(new Operation.ListTopics()));
    }

    [Fact]
    public void ListTopics_IsInCreationOrder_NotSorted()
    {
        var harness = new StateMachineHarness();
        Assert.Equal(new CommandResult.Topics([]), harness.Run(new Operation.ListTopics()));
        foreach (var topic in new[] { "zeta", "alpha", "mid" }) harness.Run(new Operation.CreateTopic(topic));
        Assert.Equal(new CommandResult.Topics(["zeta", "alpha", "mid"]), harness.Run(new Operation.ListTopics()));
        Assert.Equal(new CommandResult.Topics(["zeta", "alpha", "mid"]), harness.Machine.ListTopics());
    }

    [Fact]
    public void Messages_ComeOutFirstInFirstOut_AndAreRemoved()
    {
        var harness = new StateMachineHarness();
        harness.Run(new Operation.CreateTopic("t"));
        harness.Run(new Operation.CreateTopic("other"));
        foreach (var message in new[] { "1", "2", "3" }) Assert.Equal(new CommandResult.QueueSuccess(), harness.Run(new Operation.PutMessage("t", message)));
        harness.Run(new Operation.PutMessage("other", "x"));

        Assert.Equal(new CommandResult.Message("1"), harness.Run(new Operation.GetMessage("t")));
        harness.Run(new Operation.PutMessage("t", "4"));
        Assert.Equal(new CommandResult.Message("2"), harness.Run(new Operation.GetMessage("t")));
        Assert.Equal(new CommandResult.Message("3"), harness.Run(new Operation.GetMessage("t")));
        Assert.Equal(new CommandResult.Message("4"), harness.Run(new Operation.GetMessage("t")));
        Assert.Equal(new CommandResult.QueueFailure("topic is empty"), harness.Run(new Operation.GetMessage("t")));
        Assert.Equal(new CommandResult.Message("x"), harness.Run(new Operation.GetMessage("other")));
    }

    [Fact]
    public void MissingTopic_FailsForPutAndGet_AndIsNotCreated()
    {
        var harness = new StateMachineHarness();
        Assert.Equal(new CommandResult.QueueFailure("no such topic"), harness.Run(new Operation.PutMessage("ghost", "m")));
        Assert.Equal(new CommandResult.QueueFailure("no such topic"), harness.Run(new Operation.GetMessage("ghost")));
        Assert.Equal(new CommandResult.Topics([]), harness.Machine.ListTopics());
    }
}

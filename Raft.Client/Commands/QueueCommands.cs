using System.CommandLine;

namespace Raft.Client.Commands;

/// <summary>
/// The message queue, in the seeds' vocabulary: <c>topic create|list</c> and <c>message put|get</c>.
/// The cluster's queue failure (the seeds' bare <c>{"success":false}</c>) is reported with the reason its command implies.
/// </summary>
internal static class QueueCommands
{
    public static IEnumerable<Command> Create(ICommandHost host) => [Topic(host), Message(host)];

    private static Command Topic(ICommandHost host)
    {
        var name = new Argument<string>("name") { Description = "The topic" };
        var create = new Command("create", "Create a topic") { name };
        create.WithBody(host, async c =>
        {
            var topic = c.Parse.GetRequiredValue(name);
            if (!await c.Cluster.CreateTopicAsync(topic, c.Cancellation).ConfigureAwait(false))
            {
                c.Output.Error("topic-exists", $"topic '{topic}' already exists");
                return ExitCodes.OperationFailed;
            }
            c.Output.Result(new { topic, created = true }, "OK");
            return ExitCodes.Success;
        });

        var list = new Command("list", "List the topics, one per line");
        list.WithBody(host, async c =>
        {
            var topics = await c.Cluster.ListTopicsAsync(c.Cancellation).ConfigureAwait(false);
            c.Output.Result(new { topics }, topics);
            return ExitCodes.Success;
        });

        return new Command("topic", "Create or list message-queue topics") { create, list };
    }

    private static Command Message(ICommandHost host)
    {
        var topicArgument = new Argument<string>("topic") { Description = "The topic" };
        var messageArgument = new Argument<string>("message") { Description = "The message (UTF-8 text)" };
        var put = new Command("put", "Append a message to a topic") { topicArgument, messageArgument };
        put.WithBody(host, async c =>
        {
            var topic = c.Parse.GetRequiredValue(topicArgument);
            if (!await c.Cluster.PutMessageAsync(topic, c.Parse.GetRequiredValue(messageArgument), c.Cancellation).ConfigureAwait(false))
            {
                c.Output.Error("no-such-topic", $"topic '{topic}' does not exist");
                return ExitCodes.OperationFailed;
            }
            c.Output.Result(new { topic, queued = true }, "OK");
            return ExitCodes.Success;
        });

        var getTopic = new Argument<string>("topic") { Description = "The topic" };
        var get = new Command("get", "Take the oldest message of a topic") { getTopic };
        get.WithBody(host, async c =>
        {
            var topic = c.Parse.GetRequiredValue(getTopic);
            var message = await c.Cluster.GetMessageAsync(topic, c.Cancellation).ConfigureAwait(false);
            if (message is null)
            {
                c.Output.Error("no-message", $"topic '{topic}' is empty or does not exist");
                return ExitCodes.OperationFailed;
            }
            c.Output.Result(new { topic, message }, message);
            return ExitCodes.Success;
        });

        return new Command("message", "Put or take messages") { put, get };
    }
}

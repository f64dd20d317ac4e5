namespace Raft.Grains.StateMachine;

/// <summary>
/// The message-queue part of the state machine (seed 002): named topics, each a FIFO queue of messages.
/// Topics are remembered in creation order, which is what ListTopics returns and snapshots keep.
/// </summary>
internal sealed class TopicQueues
{
    private readonly List<string> _creationOrder = [];

    // Invariant: holds exactly the topics in _creationOrder.
    private readonly Dictionary<string, Queue<string>> _queues = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Topics => _creationOrder.ToArray();

    /// <summary>False when the topic exists already.</summary>
    public bool Create(string topic)
    {
        if (!_queues.TryAdd(topic, new Queue<string>())) return false;
        _creationOrder.Add(topic);
        return true;
    }

    /// <summary>False when the topic does not exist.</summary>
    public bool TryEnqueue(string topic, string message)
    {
        if (!_queues.TryGetValue(topic, out var queue)) return false;
        queue.Enqueue(message);
        return true;
    }

    /// <summary>The oldest message of the topic, removed; a failure result when the topic is missing or empty.</summary>
    public CommandResult Dequeue(string topic)
    {
        if (!_queues.TryGetValue(topic, out var queue)) return new CommandResult.QueueFailure("no such topic");
        return queue.TryDequeue(out var message) ? new CommandResult.Message(message) : new CommandResult.QueueFailure("topic is empty");
    }

    /// <summary>Topics in creation order, each with its messages oldest first.</summary>
    public void WriteTo(SnapshotWriter writer)
    {
        writer.WriteInt32(_creationOrder.Count);
        foreach (var topic in _creationOrder)
        {
            var queue = _queues[topic];
            writer.WriteString(topic);
            writer.WriteInt32(queue.Count);
            foreach (var message in queue) writer.WriteString(message);
        }
    }

    public static TopicQueues ReadFrom(ref FieldReader reader)
    {
        var queues = new TopicQueues();
        var topicCount = reader.ReadCount("topic count", FieldSize.Int32 * 2);
        for (var i = 0; i < topicCount; i++)
        {
            var topic = reader.ReadString("topic");
            if (!queues.Create(topic)) throw new MalformedDataException($"topic {i} appears twice");
            var messageCount = reader.ReadCount("message count", FieldSize.Int32);
            for (var m = 0; m < messageCount; m++) queues.TryEnqueue(topic, reader.ReadString("message"));
        }
        return queues;
    }
}

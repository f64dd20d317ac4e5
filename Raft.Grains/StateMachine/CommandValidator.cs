namespace Raft.Grains.StateMachine;

/// <summary>
/// The rules a command must meet before it may change anything: session fields that fit the operation, sizes
/// within <see cref="StateMachineLimits"/>, non-empty keys, topics and session names (a name may be absent), a positive TTL, a non-negative expected
/// version. The state machine applies these exact rules, and the HTTP API calls the same method before it
/// proposes, so bad input is refused without costing a log entry.
/// </summary>
public static class CommandValidator
{
    /// <summary>Null when the command is acceptable; otherwise the <see cref="CommandResult.Invalid"/> the state machine would return.</summary>
    public static CommandResult.Invalid? Validate(Command command, StateMachineLimits limits)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(limits);
        var problem = FindSessionProblem(command) ?? FindOperationProblem(command.Operation, limits);
        if (problem is null && command.TimestampMs < 0) problem = "timestamp is negative";
        return problem is null ? null : new CommandResult.Invalid(problem);
    }

    private static string? FindSessionProblem(Command command)
    {
        if (command.Operation is Operation.RegisterSession)
        {
            return command.SessionId == 0 && command.Sequence == 0 ? null : "register session needs session id 0 and sequence 0";
        }
        if (command.SessionId <= 0) return "session id must be positive (register a session first)";
        return command.Sequence <= 0 ? "sequence must be positive" : null;
    }

    private static string? FindOperationProblem(Operation operation, StateMachineLimits limits) => operation switch
    {
        Operation.ListTopics => null,
        Operation.RegisterSession register => register.Name is null
            ? null
            : Text("session name", register.Name, limits.MaxSessionNameBytes, allowEmpty: false),
        Operation.Put put => Key(put.Key, limits) ?? Value(put.Value, limits) ?? Ttl(put.TtlSeconds, limits),
        Operation.Cas cas => Key(cas.Key, limits) ?? (cas.ExpectedVersion < 0 ? "expected version is negative" : null)
            ?? Value(cas.Value, limits) ?? Ttl(cas.TtlSeconds, limits),
        Operation.Delete delete => Key(delete.Key, limits),
        Operation.Get get => Key(get.Key, limits),
        Operation.CreateTopic create => Topic(create.Topic, limits),
        Operation.PutMessage put => Topic(put.Topic, limits) ?? Text("message", put.Message, limits.MaxMessageBytes, allowEmpty: true),
        Operation.GetMessage get => Topic(get.Topic, limits),
        _ => "unknown operation",
    };

    private static string? Key(string key, StateMachineLimits limits) => Text("key", key, limits.MaxKeyBytes, allowEmpty: false);

    private static string? Value(string value, StateMachineLimits limits) => Text("value", value, limits.MaxValueBytes, allowEmpty: true);

    private static string? Topic(string topic, StateMachineLimits limits) => Text("topic", topic, limits.MaxTopicBytes, allowEmpty: false);

    private static string? Ttl(long? ttlSeconds, StateMachineLimits limits) => ttlSeconds switch
    {
        null => null,
        <= 0 => "ttl must be positive",
        var ttl when ttl > limits.MaxTtlSeconds => $"ttl is over {limits.MaxTtlSeconds} seconds",
        _ => null,
    };

    private static string? Text(string what, string? text, int maxBytes, bool allowEmpty)
    {
        if (text is null) return $"{what} is missing";
        if (!allowEmpty && text.Length == 0) return $"{what} is empty";
        // Every UTF-16 char takes at least one UTF-8 byte, so a long string is refused before it is counted.
        if (text.Length > maxBytes) return $"{what} is over {maxBytes} bytes";
        var bytes = StrictUtf8.ByteCountOrMinusOne(text);
        if (bytes < 0) return $"{what} is not valid Unicode";
        return bytes > maxBytes ? $"{what} is over {maxBytes} bytes" : null;
    }
}

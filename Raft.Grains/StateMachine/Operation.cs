namespace Raft.Grains.StateMachine;

/// <summary>
/// What a command asks the replicated state machine to do. The set is closed: the nested records below are
/// every operation there is (a discriminated union, so callers write <c>new Operation.Put(...)</c> and a
/// switch over them is checked), and <see cref="CommandCodec"/> gives each its <see cref="OperationCode"/>.
/// Keys, values, topics and messages are text; limits count their UTF-8 bytes (<see cref="StateMachineLimits"/>).
/// </summary>
[GenerateSerializer, Alias("raft.op")]
public abstract record Operation
{
    private protected Operation()
    {
    }

    public abstract OperationCode Code { get; }

    /// <summary>
    /// Opens a client session; the new session's id is this entry's log index (dissertation §6.3). With a
    /// <paramref name="Name"/> (the client's own id, e.g. HTTP <c>Raft-Client-Id</c>) it is idempotent: while a
    /// session of that name lives, registering again returns that session's id, so every silo a client talks to
    /// finds the same session through the log. Null opens an anonymous session, as before names existed.
    /// </summary>
    [GenerateSerializer, Alias("raft.op.register-session")]
    public sealed record RegisterSession(string? Name = null) : Operation
    {
        public override OperationCode Code => OperationCode.RegisterSession;
    }

    /// <summary>Writes <paramref name="Value"/>; with a TTL the key expires TtlSeconds after the write, in log time.</summary>
    [GenerateSerializer, Alias("raft.op.put")]
    public sealed record Put(string Key, string Value, long? TtlSeconds = null) : Operation
    {
        public override OperationCode Code => OperationCode.Put;
    }

    /// <summary>Compare-and-swap: writes only when the key's version is <paramref name="ExpectedVersion"/> (0: the key must not exist).</summary>
    [GenerateSerializer, Alias("raft.op.cas")]
    public sealed record Cas(string Key, long ExpectedVersion, string Value, long? TtlSeconds = null) : Operation
    {
        public override OperationCode Code => OperationCode.Cas;
    }

    [GenerateSerializer, Alias("raft.op.delete")]
    public sealed record Delete(string Key) : Operation
    {
        public override OperationCode Code => OperationCode.Delete;
    }

    /// <summary>A read through the log: linearizable without ReadIndex, at the price of a log entry.</summary>
    [GenerateSerializer, Alias("raft.op.get")]
    public sealed record Get(string Key) : Operation
    {
        public override OperationCode Code => OperationCode.Get;
    }

    /// <summary>Creates an empty topic; creating one that exists fails (seed 002).</summary>
    [GenerateSerializer, Alias("raft.op.create-topic")]
    public sealed record CreateTopic(string Topic) : Operation
    {
        public override OperationCode Code => OperationCode.CreateTopic;
    }

    /// <summary>Lists every topic in creation order.</summary>
    [GenerateSerializer, Alias("raft.op.list-topics")]
    public sealed record ListTopics : Operation
    {
        public override OperationCode Code => OperationCode.ListTopics;
    }

    /// <summary>Appends a message to an existing topic's queue.</summary>
    [GenerateSerializer, Alias("raft.op.put-message")]
    public sealed record PutMessage(string Topic, string Message) : Operation
    {
        public override OperationCode Code => OperationCode.PutMessage;
    }

    /// <summary>Removes and returns the oldest message of a topic (FIFO).</summary>
    [GenerateSerializer, Alias("raft.op.get-message")]
    public sealed record GetMessage(string Topic) : Operation
    {
        public override OperationCode Code => OperationCode.GetMessage;
    }
}

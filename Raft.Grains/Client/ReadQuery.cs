using Raft.Grains.StateMachine;

namespace Raft.Grains.Client;

/// <summary>A read the client grain can ask of any peer's state machine without going through the log.</summary>
[GenerateSerializer, Alias("raft.read-query")]
public abstract record ReadQuery
{
    private ReadQuery()
    {
    }

    [GenerateSerializer, Alias("raft.read-query.key")]
    public sealed record Key(string Name) : ReadQuery;

    [GenerateSerializer, Alias("raft.read-query.topics")]
    public sealed record Topics : ReadQuery;

    /// <summary>Runs the query against the key-value state machine, inside the peer's turn.</summary>
    public CommandResult Run(IReplicatedStateMachine stateMachine)
    {
        var kv = stateMachine as KeyValueStateMachine
            ?? throw new InvalidOperationException($"reads need the key-value state machine, not {stateMachine.GetType().Name}");
        return this switch
        {
            Key key => kv.Read(key.Name),
            Topics => kv.ListTopics(),
            _ => throw new InvalidOperationException($"unknown query {this}"),
        };
    }
}

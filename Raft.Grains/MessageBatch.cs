using Raft.Core.Messages;

namespace Raft.Grains;

/// <summary>
/// The Raft messages one Ready sends to one peer, in one one-way grain call. Immutable: nobody changes a
/// message once it is sent, so Orleans may pass it between peers of one silo without a deep copy.
/// </summary>
[GenerateSerializer, Immutable, Alias("raft.message-batch")]
public sealed class MessageBatch(IReadOnlyList<Message> messages)
{
    [Id(0)]
    public IReadOnlyList<Message> Messages { get; } = messages;
}

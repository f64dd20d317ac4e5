using System.Text.Json.Serialization;

namespace Raft.Silo.Http;

/// <summary>
/// Every message-queue answer in seed 002's shape: <c>{"success":bool}</c>, plus <c>topics</c> for the topic
/// list or <c>message</c> for a message taken. A failure carries no reason, as in the seed.
/// </summary>
public sealed record QueueResponse(
    bool Success,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Topics = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null);

using System.Text.Json.Serialization;

namespace Raft.Silo.Http;

/// <summary>
/// An <c>application/problem+json</c> body (RFC 9457) with the API's extension members: <c>code</c> always,
/// <c>leader</c> on not-leader when the leader is known, <c>currentVersion</c> on version-mismatch.
/// </summary>
public sealed record ProblemBody(
    string Type,
    string Title,
    int Status,
    string Detail,
    string Code,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Leader = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? CurrentVersion = null);

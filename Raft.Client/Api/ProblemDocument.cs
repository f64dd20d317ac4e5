namespace Raft.Client.Api;

/// <summary>An <c>application/problem+json</c> body (RFC 9457) with the API's extension members.</summary>
internal sealed record ProblemDocument(
    string? Type,
    string? Title,
    int? Status,
    string? Detail,
    string? Code,
    string? Leader,
    long? CurrentVersion);

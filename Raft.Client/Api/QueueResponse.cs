namespace Raft.Client.Api;

/// <summary>
/// Every message-queue answer, in the seeds' shape: <c>success</c> plus <c>topics</c> (topic list) or
/// <c>message</c> (message get). A false <c>success</c> carries no reason.
/// </summary>
internal sealed record QueueResponse(bool Success, IReadOnlyList<string>? Topics = null, string? Message = null);

namespace Raft.Tests.Client;

/// <summary>One request as a fake silo saw it, with the exactly-once headers when present.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, string? ClientId, long? Sequence, string Body);

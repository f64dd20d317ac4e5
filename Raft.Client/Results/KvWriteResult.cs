namespace Raft.Client.Results;

/// <summary>The answer to a put or a compare-and-swap: the key's new version.</summary>
internal sealed record KvWriteResult(string Key, long Version);

namespace Raft.Client.Results;

/// <summary>The answer to a delete; <see cref="Deleted"/> is false when there was nothing to delete.</summary>
internal sealed record KvDeleteResult(string Key, bool Deleted);

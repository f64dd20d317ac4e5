namespace Raft.Silo.Http;

/// <summary>The body of <c>DELETE /kv/{key}</c>; <see cref="Deleted"/> is false when there was no such key (still 200).</summary>
public sealed record KvDeleteResponse(string Key, bool Deleted);

namespace Raft.Silo.Http;

/// <summary>
/// The body of <c>GET /kv/{key}</c>. <see cref="ExpiresAt"/> is always written (null for a key without a TTL)
/// and is a UTC <see cref="DateTime"/>, so it reads "2026-11-22T10:00:00Z" rather than "+00:00".
/// </summary>
public sealed record KvEntryResponse(string Key, string Value, long Version, DateTime? ExpiresAt);

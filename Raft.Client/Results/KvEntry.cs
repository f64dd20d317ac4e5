namespace Raft.Client.Results;

/// <summary>A key's value as read; <see cref="ExpiresAt"/> is null for a key without a TTL.</summary>
internal sealed record KvEntry(string Key, string Value, long Version, DateTimeOffset? ExpiresAt);

namespace Raft.Grains.StateMachine;

/// <summary>A key's value with its version (the log index of the entry that last wrote it) and optional expiry in log time.</summary>
internal readonly record struct StoredValue(string Text, long Version, long? ExpiresAtMs)
{
    /// <summary>Expired once the state machine's clock reaches the expiry.</summary>
    public bool IsExpiredAt(long nowMs) => ExpiresAtMs is { } expiresAtMs && expiresAtMs <= nowMs;
}

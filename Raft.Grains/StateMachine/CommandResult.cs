namespace Raft.Grains.StateMachine;

/// <summary>
/// What applying a command produced. A closed set like <see cref="Operation"/>: the nested records are every
/// answer there is, and <see cref="ResultCodec"/> gives each its <see cref="ResultCode"/>. Expected outcomes
/// (a missing key, a version mismatch, an empty queue) are results, not exceptions.
/// </summary>
[GenerateSerializer, Alias("raft.result")]
public abstract record CommandResult
{
    private protected CommandResult()
    {
    }

    public abstract ResultCode Code { get; }

    /// <summary>A put or cas wrote the key; <paramref name="Version"/> is the log index of that write.</summary>
    [GenerateSerializer, Alias("raft.result.written")]
    public sealed record Written(long Version) : CommandResult
    {
        public override ResultCode Code => ResultCode.Written;
    }

    [GenerateSerializer, Alias("raft.result.deleted")]
    public sealed record Deleted : CommandResult
    {
        public override ResultCode Code => ResultCode.Deleted;
    }

    /// <summary>A key's value, its version (log index of its last write) and when it expires, if it does.</summary>
    [GenerateSerializer, Alias("raft.result.value")]
    public sealed record Value(string Text, long Version, long? ExpiresAtMs) : CommandResult
    {
        public override ResultCode Code => ResultCode.Value;
    }

    /// <summary>The key does not exist or has expired.</summary>
    [GenerateSerializer, Alias("raft.result.not-found")]
    public sealed record NotFound : CommandResult
    {
        public override ResultCode Code => ResultCode.NotFound;
    }

    /// <summary>A cas found another version; 0 when the key does not exist.</summary>
    [GenerateSerializer, Alias("raft.result.version-mismatch")]
    public sealed record VersionMismatch(long CurrentVersion) : CommandResult
    {
        public override ResultCode Code => ResultCode.VersionMismatch;
    }

    [GenerateSerializer, Alias("raft.result.queue-success")]
    public sealed record QueueSuccess : CommandResult
    {
        public override ResultCode Code => ResultCode.QueueSuccess;
    }

    /// <summary>A queue operation failed (seed 002's failure); the reason says why, for people.</summary>
    [GenerateSerializer, Alias("raft.result.queue-failure")]
    public sealed record QueueFailure(string Reason) : CommandResult
    {
        public override ResultCode Code => ResultCode.QueueFailure;
    }

    /// <summary>The message a GetMessage took off its topic.</summary>
    [GenerateSerializer, Alias("raft.result.message")]
    public sealed record Message(string Text) : CommandResult
    {
        public override ResultCode Code => ResultCode.Message;
    }

    /// <summary>Every topic, in creation order. Equality compares the names, not the list instance.</summary>
    [GenerateSerializer, Alias("raft.result.topics")]
    public sealed record Topics(IReadOnlyList<string> Names) : CommandResult
    {
        public override ResultCode Code => ResultCode.Topics;

        public bool Equals(Topics? other) =>
            other is not null && Names.SequenceEqual(other.Names, StringComparer.Ordinal);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (var name in Names) hash.Add(name, StringComparer.Ordinal);
            return hash.ToHashCode();
        }
    }

    /// <summary>A new session; <paramref name="SessionId"/> is the log index of the RegisterSession entry.</summary>
    [GenerateSerializer, Alias("raft.result.session-registered")]
    public sealed record SessionRegistered(long SessionId) : CommandResult
    {
        public override ResultCode Code => ResultCode.SessionRegistered;
    }

    /// <summary>The session is unknown or has expired; the client must register a new one (dissertation §6.3).</summary>
    [GenerateSerializer, Alias("raft.result.session-expired")]
    public sealed record SessionExpired : CommandResult
    {
        public override ResultCode Code => ResultCode.SessionExpired;
    }

    /// <summary>The command was malformed, broke a limit or came out of order; it changed nothing.</summary>
    [GenerateSerializer, Alias("raft.result.invalid")]
    public sealed record Invalid(string Reason) : CommandResult
    {
        public override ResultCode Code => ResultCode.Invalid;
    }
}

namespace Raft.Silo.LineProtocol;

/// <summary>
/// What the store answered. A closed set (the constructor is private), so the server can map every case to
/// a reply; each case says which commands may return it.
/// </summary>
public abstract record LineStoreResult
{
    private LineStoreResult()
    {
    }

    /// <summary>Write and cas: the new version. Delete: the version the key had (the reply shows only OK).</summary>
    public sealed record Ok(long Version) : LineStoreResult;

    /// <summary>Read: the value, its version, and how long it has left; null when it never expires.</summary>
    public sealed record Value(ReadOnlyMemory<byte> Bytes, long Version, TimeSpan? RemainingTimeToLive) : LineStoreResult;

    /// <summary>Cas: the expected version was not the current one.</summary>
    public sealed record VersionMismatch(long CurrentVersion) : LineStoreResult;

    /// <summary>Read, cas, delete: no such key (or it expired).</summary>
    public sealed record NotFound : LineStoreResult;

    /// <summary>Any command: this node is not the leader and does not forward; the client should go to <paramref name="LeaderAddress"/> (host:port).</summary>
    public sealed record NotLeader(string LeaderAddress) : LineStoreResult;

    /// <summary>Any command: the store could not do it. The reason is logged, the client sees ERR_INTERNAL.</summary>
    public sealed record Failed(string Reason) : LineStoreResult;
}

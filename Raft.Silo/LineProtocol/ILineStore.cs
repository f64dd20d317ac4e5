namespace Raft.Silo.LineProtocol;

/// <summary>
/// The versioned key-value store the line protocol serves (seed 004's file store). The host implements it
/// over the replicated KV store; whether a follower forwards to the leader or answers
/// <see cref="LineStoreResult.NotLeader"/> is the implementation's choice.
/// </summary>
/// <remarks>
/// Calls from one connection arrive one at a time, in the order the client sent them. Values handed in are
/// freshly allocated per command and become the store's to keep. A time to live of null means never expire.
/// </remarks>
public interface ILineStore
{
    /// <summary>Creates or replaces; returns <see cref="LineStoreResult.Ok"/> with the new version.</summary>
    ValueTask<LineStoreResult> WriteAsync(string name, ReadOnlyMemory<byte> value, TimeSpan? timeToLive, CancellationToken cancellationToken);

    /// <summary>Returns <see cref="LineStoreResult.Value"/> or <see cref="LineStoreResult.NotFound"/>.</summary>
    ValueTask<LineStoreResult> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>Replaces only when the current version is <paramref name="expectedVersion"/>; otherwise <see cref="LineStoreResult.VersionMismatch"/> or <see cref="LineStoreResult.NotFound"/>.</summary>
    ValueTask<LineStoreResult> CasAsync(string name, long expectedVersion, ReadOnlyMemory<byte> value, TimeSpan? timeToLive, CancellationToken cancellationToken);

    /// <summary>Returns <see cref="LineStoreResult.Ok"/> or <see cref="LineStoreResult.NotFound"/>.</summary>
    ValueTask<LineStoreResult> DeleteAsync(string name, CancellationToken cancellationToken);
}

using Raft.Silo.LineProtocol;

namespace Raft.Tests.LineProtocol;

/// <summary>
/// A dictionary standing in for the replicated KV store. Versions come from one counter, so every write and
/// cas gets a new, larger version. The clock is frozen: a read reports the time to live the value was
/// written with, which makes the exptime in a reply exact. Records every call so tests can show what the
/// server did not pass on.
/// </summary>
internal sealed class InMemoryLineStore : ILineStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _calls = [];
    private long _lastVersion;

    /// <summary>When set, every call answers "not leader, go there".</summary>
    public string? LeaderAddress { get; set; }

    /// <summary>When set, calls are recorded at once but answer only after it completes: a slow replication round.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>When set, every call throws it.</summary>
    public Exception? Throw { get; set; }

    /// <summary>Each call as "verb name" (with the value's length for writes), in arrival order.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_lock) return [.. _calls];
        }
    }

    public ValueTask<LineStoreResult> WriteAsync(string name, ReadOnlyMemory<byte> value, TimeSpan? timeToLive, CancellationToken cancellationToken) =>
        Call($"write {name} {value.Length}", () => Put(name, value, timeToLive));

    public ValueTask<LineStoreResult> ReadAsync(string name, CancellationToken cancellationToken) =>
        Call($"read {name}", () => _entries.TryGetValue(name, out var entry)
            ? new LineStoreResult.Value(entry.Value, entry.Version, entry.TimeToLive)
            : new LineStoreResult.NotFound());

    public ValueTask<LineStoreResult> CasAsync(string name, long expectedVersion, ReadOnlyMemory<byte> value, TimeSpan? timeToLive, CancellationToken cancellationToken) =>
        Call($"cas {name} {value.Length}", () =>
        {
            if (!_entries.TryGetValue(name, out var entry)) return new LineStoreResult.NotFound();
            if (entry.Version != expectedVersion) return new LineStoreResult.VersionMismatch(entry.Version);
            return Put(name, value, timeToLive);
        });

    public ValueTask<LineStoreResult> DeleteAsync(string name, CancellationToken cancellationToken) =>
        Call($"delete {name}", () => _entries.Remove(name, out var entry)
            ? new LineStoreResult.Ok(entry.Version)
            : new LineStoreResult.NotFound());

    private LineStoreResult.Ok Put(string name, ReadOnlyMemory<byte> value, TimeSpan? timeToLive)
    {
        var version = ++_lastVersion;
        _entries[name] = new Entry(value, version, timeToLive);
        return new LineStoreResult.Ok(version);
    }

    private async ValueTask<LineStoreResult> Call(string description, Func<LineStoreResult> apply)
    {
        Task? gate;
        lock (_lock)
        {
            _calls.Add(description);
            gate = Gate?.Task;
        }
        if (gate is not null) await gate;
        lock (_lock)
        {
            if (Throw is { } exception) throw exception;
            if (LeaderAddress is { } leader) return new LineStoreResult.NotLeader(leader);
            return apply();
        }
    }

    private sealed record Entry(ReadOnlyMemory<byte> Value, long Version, TimeSpan? TimeToLive);
}

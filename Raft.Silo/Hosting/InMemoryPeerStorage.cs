using Orleans.Storage;
using Raft.Core.Driver;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Grains.Persistence;

namespace Raft.Silo.Hosting;

/// <summary>
/// Storage that lives as long as the process: a hard-state record, the log as a list and the latest
/// snapshot. Durable across a peer's reactivation in the same process, not across a crash. For tests that
/// need no durability (<c>--storage memory</c>), and a reference for the contract of
/// <see cref="IFencedLogStorage"/>: the same rules as the database storages, without their checksums.
/// </summary>
public sealed class InMemoryPeerStorage : IFencedLogStorage
{
    private readonly Lock _lock = new();
    // Invariant: contiguous indexes from _firstIndex; _firstIndex - 1 is at most the snapshot's index
    // (compaction drops only what the snapshot covers; rows it covers may remain until then).
    private readonly List<Entry> _entries = [];
    private long _firstIndex = 1;
    private StoredSnapshot? _snapshot;
    private HardState _hardState;
    private long _fence;

    /// <summary>A view of this store for one activation: writes through it fail once a newer epoch claims the store.</summary>
    private long? _claimed;

    private long LastIndex => Math.Max(_firstIndex - 1 + _entries.Count, _snapshot?.LastIndex ?? 0);

    public ValueTask ClaimAsync(long epoch, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_fence > epoch) throw new InconsistentStateException($"the log is claimed by epoch {_fence}, newer than {epoch}", $"{_fence}", $"{epoch}");
            _fence = epoch;
            _claimed = epoch;
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask<PersistedState> LoadAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var compacted = _snapshot?.LastIndex ?? 0;
            var after = _entries.Where(e => e.Index > compacted).ToArray();
            return ValueTask.FromResult(new PersistedState(_hardState, after, compacted, _snapshot?.LastTerm ?? 0));
        }
    }

    public ValueTask SaveAsync(HardState? hardState, IReadOnlyList<Entry> entries, bool sync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_lock)
        {
            CheckFence();
            if (entries.Count > 0)
            {
                var first = entries[0].Index;
                if (first < 1 || first > LastIndex + 1)
                {
                    throw new InvalidOperationException($"append at index {first} leaves a gap after the stored last index {LastIndex}");
                }
                if (first < _firstIndex)
                {
                    // Below what the rows hold: only the snapshot covers it, so the rows start over here.
                    _entries.Clear();
                    _firstIndex = first;
                }
                // Entries replace any stored entries at the same or higher indexes (a conflict truncates).
                var keep = (int)Math.Min(first - _firstIndex, _entries.Count);
                _entries.RemoveRange(keep, _entries.Count - keep);
                _entries.AddRange(entries);
            }
            if (hardState is { } hs) _hardState = hs;
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask SaveSnapshotAsync(long index, long term, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(term);
        lock (_lock)
        {
            CheckFence();
            if (_snapshot is { } existing && existing.LastIndex > index)
                throw new InvalidOperationException($"a snapshot through index {existing.LastIndex} is stored; refusing the older one through {index}");
            // Raft §7: keep the log only if it holds the snapshot's last entry; otherwise it conflicts.
            var held = index >= _firstIndex && index < _firstIndex + _entries.Count && _entries[(int)(index - _firstIndex)].Term == term;
            if (!held)
            {
                _entries.Clear();
                _firstIndex = index + 1;
            }
            _snapshot = new StoredSnapshot(index, term, data.ToArray());
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask<StoredSnapshot?> LoadSnapshotAsync(CancellationToken cancellationToken)
    {
        lock (_lock) return ValueTask.FromResult(_snapshot);
    }

    public ValueTask CompactAsync(long throughIndex, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(throughIndex);
        lock (_lock)
        {
            CheckFence();
            if (throughIndex == 0) return ValueTask.CompletedTask;
            if (_snapshot is null || _snapshot.LastIndex < throughIndex)
                throw new InvalidOperationException($"cannot compact through index {throughIndex}; the stored snapshot covers through {_snapshot?.LastIndex ?? 0}");
            var drop = (int)Math.Clamp(throughIndex - _firstIndex + 1, 0, _entries.Count);
            _entries.RemoveRange(0, drop);
            _firstIndex = Math.Max(_firstIndex, throughIndex + 1);
        }
        return ValueTask.CompletedTask;
    }

    private void CheckFence()
    {
        if (_claimed is { } mine && mine != _fence)
            throw new InconsistentStateException($"the log was claimed by epoch {_fence}; epoch {mine} is stale", $"{_fence}", $"{mine}");
    }
}

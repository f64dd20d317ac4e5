using Orleans.Storage;
using Raft.Core.Driver;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Grains.Persistence;

namespace Raft.Silo.Hosting;

/// <summary>
/// Storage that lives as long as the process: a hard-state record and the log as a list. Durable across
/// a peer's reactivation in the same process, not across a crash. For tests that need no durability
/// (<c>--storage memory</c>), and a reference for the contract of <see cref="IRaftPeerStorage.SaveAsync"/>.
/// </summary>
public sealed class InMemoryPeerStorage : IFencedLogStorage
{
    private readonly Lock _lock = new();
    // Invariant: contiguous indexes, starting at 1 (this store never compacts).
    private readonly List<Entry> _entries = [];
    private HardState _hardState;
    private long _fence;

    /// <summary>A view of this store for one activation: writes through it fail once a newer epoch claims the store.</summary>
    private long? _claimed;

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
        lock (_lock) return ValueTask.FromResult(new PersistedState(_hardState, _entries.ToArray()));
    }

    public ValueTask SaveAsync(HardState? hardState, IReadOnlyList<Entry> entries, bool sync, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        lock (_lock)
        {
            if (_claimed is { } mine && mine != _fence)
                throw new InconsistentStateException($"the log was claimed by epoch {_fence}; epoch {mine} is stale", $"{_fence}", $"{mine}");
            if (entries.Count > 0)
            {
                var first = entries[0].Index;
                var expected = _entries.Count + 1;
                if (first < 1 || first > expected)
                {
                    throw new InvalidOperationException($"append at index {first} leaves a gap after the stored last index {_entries.Count}");
                }
                // Entries replace any stored entries at the same or higher indexes (a conflict truncates).
                _entries.RemoveRange((int)(first - 1), _entries.Count - (int)(first - 1));
                _entries.AddRange(entries);
            }
            if (hardState is { } hs) _hardState = hs;
        }
        return ValueTask.CompletedTask;
    }
}

using System.Collections.Concurrent;
using Raft.Grains.Persistence;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Silo.Hosting;

namespace Raft.Tests.Hosting;

/// <summary>
/// In-memory storage whose writes (entries, snapshots, compactions) a test can hold back per peer (a disk that stalls), to keep a peer from
/// acknowledging anything until the test lets it.
/// </summary>
public sealed class GatedPeerStorageFactory : IPeerStorageFactory
{
    private readonly InMemoryPeerStorageFactory _inner = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource> _gates = new();

    public string ProviderName => "gated-memory";

    public IFencedLogStorage Create(int peerId) => new GatedStorage(this, peerId, _inner.Create(peerId));

    /// <summary>From now on, writes of <paramref name="peerId"/> wait until <see cref="OpenAll"/>.</summary>
    public void Close(int peerId) => _gates.TryAdd(peerId, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public void OpenAll()
    {
        foreach (var peerId in _gates.Keys)
        {
            if (_gates.TryRemove(peerId, out var gate)) gate.SetResult();
        }
    }

    private Task WaitForGate(int peerId) => _gates.TryGetValue(peerId, out var gate) ? gate.Task : Task.CompletedTask;

    private sealed class GatedStorage(GatedPeerStorageFactory owner, int peerId, IFencedLogStorage inner) : IFencedLogStorage
    {
        public ValueTask ClaimAsync(long epoch, CancellationToken cancellationToken) => inner.ClaimAsync(epoch, cancellationToken);

        public ValueTask<PersistedState> LoadAsync(CancellationToken cancellationToken) => inner.LoadAsync(cancellationToken);

        public async ValueTask SaveAsync(HardState? hardState, IReadOnlyList<Entry> entries, bool sync, CancellationToken cancellationToken)
        {
            await owner.WaitForGate(peerId).WaitAsync(cancellationToken);
            await inner.SaveAsync(hardState, entries, sync, cancellationToken);
        }

        public async ValueTask SaveSnapshotAsync(long index, long term, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            await owner.WaitForGate(peerId).WaitAsync(cancellationToken);
            await inner.SaveSnapshotAsync(index, term, data, cancellationToken);
        }

        public ValueTask<StoredSnapshot?> LoadSnapshotAsync(CancellationToken cancellationToken) => inner.LoadSnapshotAsync(cancellationToken);

        public async ValueTask CompactAsync(long throughIndex, CancellationToken cancellationToken)
        {
            await owner.WaitForGate(peerId).WaitAsync(cancellationToken);
            await inner.CompactAsync(throughIndex, cancellationToken);
        }
    }
}

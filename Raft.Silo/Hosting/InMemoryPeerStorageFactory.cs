using System.Collections.Concurrent;
using Raft.Grains.Persistence;

namespace Raft.Silo.Hosting;

/// <summary>
/// Hands each peer one <see cref="InMemoryPeerStorage"/> and keeps it, so a peer reactivated in the same
/// process finds its term, vote and log again (what a restart on real storage would find).
/// </summary>
public sealed class InMemoryPeerStorageFactory : IPeerStorageFactory
{
    private readonly ConcurrentDictionary<int, InMemoryPeerStorage> _stores = new();

    public string ProviderName => "memory";

    public IFencedLogStorage Create(int peerId) => _stores.GetOrAdd(peerId, static _ => new InMemoryPeerStorage());
}

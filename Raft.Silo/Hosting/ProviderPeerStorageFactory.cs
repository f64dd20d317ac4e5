using Raft.Grains.Persistence;
using Raft.Silo.Storage;

namespace Raft.Silo.Hosting;

/// <summary>
/// The peer-storage seam over a database provider (SQLite or PostgreSQL): one database per silo, one
/// <see cref="IStorageProvider.ForPeer"/> view per hosted peer. <see cref="StorageLifecycle"/> opens the
/// database before any peer loads and closes it once the silo has stopped.
/// </summary>
public sealed class ProviderPeerStorageFactory(string providerName, IStorageProvider provider) : IPeerStorageFactory
{
    /// <summary>One Raft group per cluster; the key leaves room for more.</summary>
    public const string GroupName = "raft";

    public string ProviderName { get; } = providerName;

    public IStorageProvider Provider { get; } = provider;

    public IFencedLogStorage Create(int peerId) => Provider.ForPeer(GroupName, peerId);
}

using Microsoft.Extensions.Hosting;
using Raft.Core.Driver;
using Raft.Silo.Storage;

namespace Raft.Silo.Hosting;

/// <summary>
/// The peer-storage seam over a database provider (SQLite or PostgreSQL): one database per silo, one
/// <see cref="IStorageProvider.ForPeer"/> view per hosted peer. As a hosted service registered before the
/// peers' activation it opens the database (applying missing schema scripts) before any peer loads, and,
/// stopped after them, closes it once every peer is down.
/// </summary>
public sealed class ProviderPeerStorageFactory(string providerName, IStorageProvider provider) : IPeerStorageFactory, IHostedService
{
    /// <summary>One Raft group per cluster; the key leaves room for more.</summary>
    public const string GroupName = "raft";

    public string ProviderName { get; } = providerName;

    public IStorageProvider Provider { get; } = provider;

    public IRaftPeerStorage Create(int peerId) => Provider.ForPeer(GroupName, peerId);

    public async Task StartAsync(CancellationToken cancellationToken) => await Provider.OpenAsync(cancellationToken).ConfigureAwait(false);

    public async Task StopAsync(CancellationToken cancellationToken) => await Provider.DisposeAsync().ConfigureAwait(false);
}

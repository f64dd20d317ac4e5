using Raft.Grains.Persistence;

namespace Raft.Silo.Hosting;

/// <summary>
/// A storage provider from a name and a constructor, so a provider that only implements
/// <see cref="IFencedLogStorage"/> plugs into <see cref="PeerStorageProviders"/> in one line.
/// </summary>
public sealed class DelegatePeerStorageFactory(string providerName, Func<int, IFencedLogStorage> create) : IPeerStorageFactory
{
    public string ProviderName { get; } = providerName;

    public IFencedLogStorage Create(int peerId) => create(peerId);
}

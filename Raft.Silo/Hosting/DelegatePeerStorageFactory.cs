using Raft.Core.Driver;

namespace Raft.Silo.Hosting;

/// <summary>
/// A storage provider from a name and a constructor, so a provider that only implements
/// <see cref="IRaftPeerStorage"/> plugs into <see cref="PeerStorageProviders"/> in one line.
/// </summary>
public sealed class DelegatePeerStorageFactory(string providerName, Func<int, IRaftPeerStorage> create) : IPeerStorageFactory
{
    public string ProviderName { get; } = providerName;

    public IRaftPeerStorage Create(int peerId) => create(peerId);
}

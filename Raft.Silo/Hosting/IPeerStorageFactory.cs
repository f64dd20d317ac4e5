using Raft.Grains.Persistence;

namespace Raft.Silo.Hosting;

/// <summary>
/// The storage-provider seam (Orleans: a named grain storage provider): gives each hosted peer its own
/// <see cref="IFencedLogStorage"/>. The silo owns what it creates and disposes it (when it implements
/// <see cref="IAsyncDisposable"/> or <see cref="IDisposable"/>) after the peer is deactivated.
/// </summary>
public interface IPeerStorageFactory
{
    /// <summary>Short name for logs and the status page ("memory", "sqlite", "postgresql").</summary>
    string ProviderName { get; }

    IFencedLogStorage Create(int peerId);
}

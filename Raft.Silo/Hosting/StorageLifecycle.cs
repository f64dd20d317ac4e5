using Raft.Silo.Storage;

namespace Raft.Silo.Hosting;

/// <summary>
/// Opens the silo's Raft database (applying missing schema scripts) before any grain activates, and closes
/// it after the silo has stopped its grains: an Orleans lifecycle participant at the application-services stage.
/// </summary>
public sealed class StorageLifecycle(IStorageProvider provider) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(StorageLifecycle), ServiceLifecycleStage.ApplicationServices,
            async ct => await provider.OpenAsync(ct).ConfigureAwait(false),
            async _ => await provider.DisposeAsync().ConfigureAwait(false));
    }
}

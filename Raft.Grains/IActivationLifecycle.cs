namespace Raft.Grains;

/// <summary>
/// Activation and deactivation hooks (Orleans' <c>OnActivateAsync</c>/<c>OnDeactivateAsync</c>). The host
/// runs <see cref="OnActivateAsync"/> as the activation's first turn, before any call it queued, and
/// <see cref="OnDeactivateAsync"/> after its last turn, once its timers are stopped.
/// </summary>
public interface IActivationLifecycle
{
    Task OnActivateAsync(CancellationToken cancellationToken);

    Task OnDeactivateAsync(CancellationToken cancellationToken);
}

using System.Collections.Concurrent;

namespace Raft.Silo.Hosting;

/// <summary>
/// The silo's table of local activations (Orleans' activation directory, local part): at most one
/// activation per grain id, so every call for a grain lands on the same mailbox.
/// </summary>
public sealed class GrainDirectory
{
    private readonly ConcurrentDictionary<GrainId, LocalGrain> _activations = new();

    public IReadOnlyCollection<LocalGrain> Activations => _activations.Values.ToArray();

    /// <summary>Registers the single activation of <paramref name="grain"/>; a second one for the same id is a host bug.</summary>
    public void Register(GrainActivation activation, object grain)
    {
        if (!_activations.TryAdd(activation.Id, new LocalGrain(activation, grain)))
        {
            throw new InvalidOperationException($"grain {activation.Id} is already activated in this silo");
        }
    }

    public bool TryGet(GrainId id, out LocalGrain localGrain) => _activations.TryGetValue(id, out localGrain!);

    public bool Remove(GrainId id) => _activations.TryRemove(id, out _);
}

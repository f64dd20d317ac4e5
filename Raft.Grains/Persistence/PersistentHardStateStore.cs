namespace Raft.Grains.Persistence;

/// <summary>The hard state in Orleans grain storage: the provider checks the ETag on every write.</summary>
public sealed class PersistentHardStateStore(IPersistentState<PeerHardState> state) : IHardStateStore
{
    public PeerHardState State => state.State;

    public Task WriteAsync() => state.WriteStateAsync();
}

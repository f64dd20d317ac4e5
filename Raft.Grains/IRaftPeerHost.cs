using Raft.Grains.Persistence;

namespace Raft.Grains;

/// <summary>
/// What a peer grain takes from the silo that hosts it: its Raft settings, its log storage, its state
/// machine and where to report. The silo implements it from its configuration and storage provider.
/// </summary>
public interface IRaftPeerHost
{
    /// <summary>The settings of a peer of the group; throws <see cref="UnknownPeerException"/> for any other id.</summary>
    RaftPeerGrainSettings SettingsFor(int peerId);

    /// <summary>The peer's log rows on this silo's storage. The silo owns the instance; the grain never disposes it.</summary>
    IFencedLogStorage LogOf(int peerId);

    IReplicatedStateMachine CreateStateMachine(int peerId);

    IRaftPeerObserver Observer { get; }
}

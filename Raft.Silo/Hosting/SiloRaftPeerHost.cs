using Raft.Core.Node;
using Raft.Grains;
using Raft.Grains.Persistence;
using Raft.Silo.Configuration;

namespace Raft.Silo.Hosting;

/// <summary>What this silo gives the peer grains it activates: settings from its options, logs from its storage provider.</summary>
public sealed class SiloRaftPeerHost(
    SiloOptions options,
    IPeerStorageFactory storage,
    IStateMachineFactory stateMachines,
    IRaftPeerObserver observer) : IRaftPeerHost
{
    // One seed per silo run; each node mixes in its id, so co-hosted peers still time out differently.
    private readonly ulong _seed = (ulong)Random.Shared.NextInt64();
    // Every peer of the file may become a member (the core takes messages from them), but only the bootstrap
    // voters start as the group: a peer outside them starts as a joiner and waits to be added.
    private readonly IReadOnlyList<int> _group = options.GroupPeerIds();
    private readonly IReadOnlyList<int> _bootstrapVoters = options.InitialVoterPeerIds();

    public IRaftPeerObserver Observer => observer;

    public RaftPeerGrainSettings SettingsFor(int peerId)
    {
        // Only this silo's own peers live here (placement); any other id reaching us is a bug or a stray client.
        if (!options.FindSelf().PeerIds.Contains(peerId)) throw new UnknownPeerException(peerId);
        var timing = options.Timing;
        return new RaftPeerGrainSettings
        {
            Raft = new RaftConfig
            {
                Id = peerId,
                Peers = _bootstrapVoters,
                KnownPeers = _group,
                Seed = _seed,
                ElectionTicks = timing.ElectionTicks,
                HeartbeatTicks = timing.HeartbeatTicks,
            },
            TickInterval = TimeSpan.FromMilliseconds(timing.TickIntervalMs),
            ProposeTimeout = TimeSpan.FromMilliseconds(timing.ProposeTimeoutMs),
            WakeReminderPeriod = TimeSpan.FromMilliseconds(timing.WakeReminderPeriodMs),
            Snapshots = options.Snapshots.ToPolicy(),
        };
    }

    public IFencedLogStorage LogOf(int peerId) => storage.Create(peerId);

    public IReplicatedStateMachine CreateStateMachine(int peerId) => stateMachines.Create(peerId);
}

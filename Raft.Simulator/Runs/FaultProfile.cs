using Raft.Core.Node;
using Raft.Core.Snapshots;
using Raft.Simulator.Cluster;

namespace Raft.Simulator.Runs;

/// <summary>
/// Every fault setting of one seeded run, drawn from the seed and printed with it, so a failing seed
/// says what world it ran in (TigerBeetle's VOPR does the same).
/// </summary>
public sealed record FaultProfile
{
    public required int Peers { get; init; }
    public required NetworkOptions Network { get; init; }
    /// <summary>Mean virtual time between nemesis actions (partition, heal, crash, restart).</summary>
    public required int NemesisIntervalMs { get; init; }
    public required double CrashShare { get; init; }
    public required int MaxDiskLatencyMs { get; init; }
    /// <summary>Chance that a synced write stalls for up to <see cref="DiskStallMaxMs"/> (a slow disk).</summary>
    public required double DiskStallRate { get; init; }
    /// <summary>Longest extra virtual time a stalled write takes.</summary>
    public required int DiskStallMaxMs { get; init; }
    /// <summary>Chance that a two-store write is cut by a crash between its log and hard-state stores.</summary>
    public required double TornWriteCrashRate { get; init; }
    public required int ProposalIntervalMs { get; init; }
    public required int SafetyPhaseMs { get; init; }
    public required int LivenessBoundMs { get; init; }
    /// <summary>Small caps split catch-up into many messages, which is where Figure 8's hazard hides.</summary>
    public required RaftConfig Raft { get; init; }
    /// <summary>Peers that start as the group; the rest start outside it and may be added.</summary>
    public required int InitialVoters { get; init; }
    /// <summary>When peers snapshot and compact; null: never (the log only grows).</summary>
    public required SnapshotPolicy? Snapshots { get; init; }
    /// <summary>Share of nemesis actions that change the membership or transfer leadership.</summary>
    public required double ReconfigureShare { get; init; }
    /// <summary>Chance that a peer crashes inside an InstallSnapshot (see <see cref="SimCluster.InstallCrashRate"/>).</summary>
    public required double InstallCrashRate { get; init; }

    public static FaultProfile FromSeed(ulong seed, int? peers = null)
    {
        var random = new DeterministicRandom(seed ^ 0xFA17_5EEDUL);
        int[] sizes = [3, 5, 5, 5, 7];
        var peerCount = peers ?? sizes[random.Next(sizes.Length)];
        var profile = new FaultProfile
        {
            Peers = peerCount,
            Network = new NetworkOptions
            {
                MinLatencyMs = 1,
                MaxLatencyMs = random.Next(2, 30),
                DropRate = random.Next(0, 21) / 100.0,
                DuplicateRate = random.Next(0, 6) / 100.0,
                LongDelayRate = random.Next(0, 4) / 100.0,
                LongDelayMaxMs = random.Next(100, 1500),
            },
            NemesisIntervalMs = random.Next(20, 1500),
            CrashShare = random.Next(0, 61) / 100.0,
            MaxDiskLatencyMs = random.Next(0, 8),
            DiskStallRate = new[] { 0, 0.01, 0.05, 0.2 }[random.Next(4)],
            DiskStallMaxMs = random.Next(10, 200),
            TornWriteCrashRate = new[] { 0, 0.25, 0.5, 1.0 }[random.Next(4)],
            ProposalIntervalMs = random.Next(5, 60),
            SafetyPhaseMs = 4000,
            LivenessBoundMs = 10_000,
            Raft = new RaftConfig
            {
                Id = 1,
                Peers = [1],
                MaxEntriesPerMessage = new[] { 1, 2, 4, 64, 512 }[random.Next(5)],
                MaxInflightMessages = new[] { 1, 2, 8, 64 }[random.Next(4)],
                PreVote = random.Next(4) != 0,
                CheckQuorum = random.Next(4) != 0,
            },
            InitialVoters = peerCount,
            Snapshots = null,
            ReconfigureShare = 0,
            InstallCrashRate = 0,
        };
        // Drawn after everything above, so that those settings stay what they were for every seed.
        var spare = new[] { 0, 0, 1, 2 }[random.Next(4)];
        var drawn = profile with
        {
            InitialVoters = Math.Max(1, peerCount - spare),
            Snapshots = random.Next(4) == 0 ? null : new SnapshotPolicy
            {
                EntriesThreshold = new[] { 3, 10, 40, 200 }[random.Next(4)],
                TrailingEntries = new[] { 0, 1, 5, 50 }[random.Next(4)],
            },
            ReconfigureShare = new[] { 0, 0.15, 0.3, 0.5 }[random.Next(4)],
            InstallCrashRate = new[] { 0, 0.05, 0.2 }[random.Next(3)],
            Raft = profile.Raft with
            {
                SnapshotChunkBytes = new[] { 8, 32, 256, 4096 }[random.Next(4)],
                MaxInflightSnapshotChunks = new[] { 1, 2, 4 }[random.Next(3)],
                // Drawn last, like the rest of this block, so every earlier setting stays as it was per seed.
                EarlyAppends = random.Next(4) != 0,
            },
        };
        // After everything above, so a seed's other settings are what they were before this draw existed. The
        // simulated state is small beside its log, so a ratio past 1 is what makes the size rule hold back.
        return drawn.Snapshots is { } policy
            ? drawn with { Snapshots = policy with { LogToSnapshotRatio = new[] { 0, 1, 10, 100 }[random.Next(4)] } }
            : drawn;
    }

    public override string ToString() =>
        $"peers={Peers} {Network} nemesis every ~{NemesisIntervalMs}ms crash share={CrashShare:P0} disk<={MaxDiskLatencyMs}ms stalls={DiskStallRate:P0}/{DiskStallMaxMs}ms torn-write crashes={TornWriteCrashRate:P0} proposals every ~{ProposalIntervalMs}ms entries/msg={Raft.MaxEntriesPerMessage} inflight={Raft.MaxInflightMessages} prevote={Raft.PreVote} checkquorum={Raft.CheckQuorum} initial-voters={InitialVoters} snapshots={(Snapshots is { } p ? $"every {p.EntriesThreshold} (log/snapshot >= {p.LogToSnapshotRatio}) keeping {p.TrailingEntries}" : "off")} chunks={Raft.SnapshotChunkBytes}Bx{Raft.MaxInflightSnapshotChunks} reconfigure={ReconfigureShare:P0} install-crashes={InstallCrashRate:P0} early-appends={Raft.EarlyAppends}";
}

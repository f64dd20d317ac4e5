using System.Text;
using Raft.Core.Node;
using Raft.Simulator.Checking;
using Raft.Simulator.Checking.Linearizability;
using Raft.Simulator.Cluster;

namespace Raft.Simulator.Runs;

/// <summary>
/// One seeded run: a safety phase in which a nemesis and an unreliable network attack the cluster while a
/// client proposes, then a liveness phase that heals everything and demands that a leader emerges and a
/// new command commits on every peer within a bounded virtual time. Last, the clients' history of register
/// writes and reads over the whole run must be linearizable.
/// </summary>
public static class SeedRun
{
    /// <summary>Registers the clients write to; few, so that reads and writes of one key overlap often.</summary>
    private const int Keys = 3;

    /// <summary>Clients whose operations are recorded, one in flight each; the rest of the load is not.</summary>
    private const int Clients = 6;

    /// <summary>Virtual time a recorded client waits for an answer before it gives up and is replaced.</summary>
    private const long ClientTimeoutMs = 500;

    /// <summary>Deterministic (steps, not time), so a seed's verdict replays; far above what a run's history needs.</summary>
    private static readonly CheckBudget HistoryBudget = new() { MaxStepsPerPartition = 2_000_000, MaxWitnessSteps = 2_000_000 };

    public static SeedResult Run(ulong seed, int? peers = null, Action<string>? trace = null)
    {
        var profile = FaultProfile.FromSeed(seed, peers);
        var random = new DeterministicRandom(seed ^ 0xC11E_17UL);
        SimCluster? cluster = null;
        var violations = new List<Violation>();
        Exception? crash = null;
        try
        {
            cluster = new SimCluster(profile.Peers, seed, profile.Raft, trace, profile.InitialVoters, profile.Snapshots);
            var history = cluster.RecordHistory(Clients, ClientTimeoutMs);
            trace?.Invoke($"{0,8}ms t0   seed {seed}: {profile}");
            cluster.Network.Options = profile.Network;
            foreach (var peer in cluster.Peers) peer.DiskLatencyMs = random.Next(profile.MaxDiskLatencyMs + 1);
            cluster.TornWriteCrashRate = profile.TornWriteCrashRate;
            cluster.InstallCrashRate = profile.InstallCrashRate;
            (cluster.DiskStallRate, cluster.DiskStallMaxMs) = (profile.DiskStallRate, profile.DiskStallMaxMs);

            var safetyEndMs = profile.SafetyPhaseMs;
            new Nemesis(cluster, profile, random).Schedule(safetyEndMs);
            ScheduleProposals(cluster, profile, random, safetyEndMs);
            cluster.RunFor(safetyEndMs);

            if (!cluster.HasViolation) CheckLiveness(cluster, profile, violations);
            violations.InsertRange(0, cluster.Checker.Violations);
            if (history.Check(HistoryBudget) is { } notLinearizable) violations.Add(notLinearizable);
        }
        catch (RaftInvariantException exception)
        {
            crash = exception;
        }
        return new SeedResult
        {
            Seed = seed,
            Profile = profile,
            Violations = violations,
            Crash = crash,
            Events = cluster?.Events.EventsRun ?? 0,
            Elections = cluster?.Checker.Elections ?? 0,
            Commits = cluster?.Checker.Committed.Count ?? 0,
            Messages = cluster?.Network.Sent ?? 0,
            ReadsServed = cluster?.Reads.ReadsServed ?? 0,
            HistoryOperations = cluster?.History?.Count ?? 0,
            HistoryUnchecked = cluster?.History?.LastResult == Verdict.Unknown,
            VirtualMs = cluster?.NowMs ?? 0,
            InputsDuringWrites = cluster?.InputsDuringWrites ?? 0,
            TwoStoreWrites = cluster?.TwoStoreWrites ?? 0,
            OverwrittenDuringWrite = cluster?.OverwrittenDuringWrite ?? 0,
            TornWrites = cluster?.TornWrites ?? 0,
            LostCommitUpdates = cluster?.LostCommitUpdates ?? 0,
            Compactions = cluster?.Compactions ?? 0,
            SnapshotInstalls = cluster?.SnapshotInstalls ?? 0,
            MembershipChanges = cluster?.MembershipChanges ?? 0,
            Transfers = cluster?.Transfers ?? 0,
            CrashesDuringInstall = cluster?.CrashesDuringInstall ?? 0,
        };
    }

    /// <summary>
    /// The client load: a proposal every so often and a read every other time. When a recorded client is
    /// idle it makes the operation, a write of a unique value to a key or a read of a key, so that a read
    /// names the write it saw; otherwise the operation is background load outside the history. Which it
    /// is never touches the seed's random stream, so every seed's schedule stays as it was.
    /// </summary>
    private static void ScheduleProposals(SimCluster cluster, FaultProfile profile, DeterministicRandom random, long untilMs)
    {
        var history = cluster.History!;
        var sequence = 0;
        void Propose()
        {
            if (cluster.NowMs >= untilMs) return;
            var target = 1 + random.Next(profile.Peers);
            var command = history.TryTakeClient()
                ? RegisterHistory.Encode($"k{sequence % Keys}", $"{sequence}")
                : Encoding.UTF8.GetBytes($"c{sequence}");
            sequence++;
            if (cluster.Propose(target, command) is { Outcome: ProposeOutcome.NotLeader, LeaderHint: > 0 } redirect)
                cluster.Propose(redirect.LeaderHint, command);
            // Every other turn, a read of one key at the leader we know of, checked for linearizability.
            if (sequence % 2 == 0)
            {
                var reader = cluster.Leaders().Select(l => l.Id).DefaultIfEmpty(target).First();
                cluster.ReadIndex(reader, history.TryTakeClient() ? $"k{sequence / 2 % Keys}" : null);
            }
            cluster.Events.After(random.Next(1, profile.ProposalIntervalMs * 2), Propose);
        }
        cluster.Events.After(random.Next(1, profile.ProposalIntervalMs), Propose);
    }

    private static void CheckLiveness(SimCluster cluster, FaultProfile profile, List<Violation> violations)
    {
        cluster.Network.Options = cluster.Network.Options with { DropRate = 0, DuplicateRate = 0, LongDelayRate = 0 };
        cluster.TornWriteCrashRate = 0;
        cluster.InstallCrashRate = 0;
        cluster.DiskStallRate = 0;
        cluster.HealNetwork();
        foreach (var peer in cluster.Peers) cluster.Restart(peer.Id);
        cluster.TraceClusterEvent("liveness phase: network healed, every peer up");

        // A quorum must commit within the bound; then every peer must catch up at the pace flow control
        // allows: a far-behind follower gets MaxEntriesPerMessage x MaxInflightMessages entries per round trip.
        var probe = Encoding.UTF8.GetBytes($"probe-{cluster.Seed}");
        // A quorum of the voters; the voters may have changed, but never below one.
        var quorum = cluster.Peers.Where(p => p.Node is not null).Min(p => p.Node!.Membership.Quorum);
        // The probe commits after whatever a leader appended and has not committed yet; with one entry per
        // message and one in flight, that backlog takes a round trip an entry.
        var entriesPerRoundTrip = Math.Max(1L, (long)profile.Raft.MaxEntriesPerMessage * profile.Raft.MaxInflightMessages);
        var roundTripMs = 2L * profile.Network.MaxLatencyMs + 2L * cluster.TickMs + profile.MaxDiskLatencyMs;
        var backlog = cluster.Peers.Where(p => p.Node is not null).Max(p => p.Node!.LastIndex - p.Node.CommitIndex);
        var commitBoundMs = profile.LivenessBoundMs + 2 * (backlog / entriesPerRoundTrip) * roundTripMs;
        var index = cluster.Agree(probe, quorum, retry: true, commitBoundMs);
        if (cluster.HasViolation) return;
        if (index == 0)
        {
            violations.Add(new Violation(RaftProperty.Liveness, cluster.NowMs,
                $"no command committed on a quorum within {commitBoundMs} ms of healing (backlog {backlog}); {cluster.Describe()}"));
            return;
        }
        // Every member of the committed membership must catch up; a peer removed from the group need not.
        var members = cluster.Checker.CommittedMembership.Members.ToArray();
        var lag = members.Max(id => index - cluster.Peer(id).LastApplied);
        var catchUpBoundMs = profile.LivenessBoundMs + 2 * (lag / entriesPerRoundTrip + 1) * roundTripMs;
        if (!cluster.RunUntil(() => members.All(id => cluster.Peer(id).LastApplied >= index), catchUpBoundMs) && !cluster.HasViolation)
        {
            violations.Add(new Violation(RaftProperty.Liveness, cluster.NowMs,
                $"peers did not all apply index {index} within {catchUpBoundMs} ms (lag {lag}); {cluster.Describe()}"));
        }
    }
}

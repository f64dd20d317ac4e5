using Raft.Core.Members;
using Raft.Core.Node;
using Raft.Simulator.Cluster;

namespace Raft.Simulator.Runs;

/// <summary>
/// The seeded adversary of a run's safety phase: at random intervals it crashes or restarts a peer, or
/// reshapes the network: heals it, isolates the leader, splits it into a minority and a majority, or cuts
/// links one way only; or asks the leader to change the membership (add, promote or remove a peer, the
/// leader itself included) or to hand leadership to another voter.
/// </summary>
public sealed class Nemesis(SimCluster cluster, FaultProfile profile, DeterministicRandom random)
{
    public int Actions { get; private set; }

    public void Schedule(long untilMs)
    {
        cluster.Events.After(NextDelay(), () => Act(untilMs));
    }

    private int NextDelay() => random.Next(profile.NemesisIntervalMs / 2, profile.NemesisIntervalMs * 3 / 2 + 1);

    private void Act(long untilMs)
    {
        if (cluster.NowMs >= untilMs) return;
        Actions++;
        if (profile.ReconfigureShare > 0 && random.Chance(profile.ReconfigureShare)) Reconfigure();
        else if (random.Chance(profile.CrashShare)) CrashOrRestart();
        else ReshapeNetwork();
        cluster.Events.After(NextDelay(), () => Act(untilMs));
    }

    private void CrashOrRestart()
    {
        var down = cluster.Peers.Where(p => !p.Alive).Select(p => p.Id).ToArray();
        var up = cluster.Peers.Where(p => p.Alive).Select(p => p.Id).ToArray();
        if (down.Length > 0 && (up.Length == 0 || random.Chance(0.5)))
        {
            cluster.Restart(down[random.Next(down.Length)]);
            return;
        }
        // Leaders die more often than their share: a leader that crashes mid-replication leaves the
        // partly copied entries that Figure 8 is about.
        var leaders = cluster.Leaders();
        var victim = leaders.Count > 0 && random.Chance(0.5) ? leaders.MaxBy(l => l.Term).Id : up[random.Next(up.Length)];
        cluster.Crash(victim);
    }

    private void Reconfigure()
    {
        var leaders = cluster.Leaders();
        if (leaders.Count == 0) return;
        var leader = leaders.MaxBy(l => l.Term).Id;
        var membership = cluster.Peer(leader).Node!.Membership;
        var outsiders = cluster.Ids.Where(id => !membership.Contains(id)).ToArray();
        switch (random.Next(4))
        {
            case 0:
                var others = membership.Voters.Where(v => v != leader).ToArray();
                if (others.Length > 0) cluster.TransferLeadership(leader, others[random.Next(others.Length)]);
                break;
            case 1 when membership.Learners.Count > 0:
                cluster.ChangeMembership(leader, new MembershipChange(MembershipChangeKind.Promote, membership.Learners[random.Next(membership.Learners.Count)]));
                break;
            case 1 or 2 when outsiders.Length > 0:
                var kind = random.Chance(0.7) ? MembershipChangeKind.AddLearner : MembershipChangeKind.AddVoter;
                cluster.ChangeMembership(leader, new MembershipChange(kind, outsiders[random.Next(outsiders.Length)]));
                break;
            default:
                var members = membership.Members.ToArray();
                cluster.ChangeMembership(leader, new MembershipChange(MembershipChangeKind.Remove, members[random.Next(members.Length)]));
                break;
        }
    }

    private void ReshapeNetwork()
    {
        var ids = cluster.Ids.ToArray();
        switch (random.Next(5))
        {
            case 0:
                cluster.HealNetwork();
                break;
            case 1:
                var leaders = cluster.Leaders();
                if (leaders.Count > 0) cluster.Disconnect(leaders.MaxBy(l => l.Term).Id);
                break;
            case 2:
                Shuffle(ids);
                var minority = random.Next(1, (ids.Length + 1) / 2 + 1);
                cluster.HealNetwork();
                cluster.Network.Partition(ids[..minority], ids[minority..]);
                cluster.TraceClusterEvent($"partition [{string.Join(",", ids[..minority])}] | [{string.Join(",", ids[minority..])}]");
                break;
            case 3:
                var from = ids[random.Next(ids.Length)];
                foreach (var to in ids.Where(i => i != from && random.Chance(0.6))) cluster.Network.Cut(from, to);
                cluster.TraceClusterEvent($"one-way cuts from {from}");
                break;
            default:
                cluster.Disconnect(ids[random.Next(ids.Length)]);
                break;
        }
    }

    private void Shuffle(int[] items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

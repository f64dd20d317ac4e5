using Raft.Core.Node;
using Raft.Simulator.Cluster;

namespace Raft.Tests.Simulation;

/// <summary>
/// Persistence as the 6.824 lab tests it (2C), on the simulator: peers crash (losing every write not yet
/// synced) and restart from their disks, and the cluster keeps every committed entry; Figure 8's hazard,
/// with and without an unreliable network.
/// </summary>
public sealed class PersistenceScenarioTests
{
    [Fact]
    public void Persist1_CrashAndRestartAll_ThenLeadersAndFollowers_KeepAgreeing()
    {
        var cluster = Scenario.Start(3);
        cluster.One(11, 3);
        foreach (var id in cluster.Ids) cluster.Crash(id);
        foreach (var id in cluster.Ids) cluster.Restart(id);
        cluster.One(12, 3);

        var leader1 = cluster.CheckOneLeader();
        cluster.Crash(leader1);
        cluster.Restart(leader1);
        cluster.One(13, 3);

        var leader2 = cluster.CheckOneLeader();
        cluster.Crash(leader2);
        cluster.One(14, 2);
        cluster.Restart(leader2);
        cluster.One(15, 3);

        var follower = cluster.Other(cluster.CheckOneLeader());
        cluster.Crash(follower);
        cluster.One(16, 2);
        cluster.Restart(follower);
        cluster.One(17, 3);
    }

    [Fact]
    public void Persist2_RollingMinorityAndMajorityCrashes_KeepEveryCommit()
    {
        var cluster = Scenario.Start(5);
        var index = 1;
        for (var iteration = 0; iteration < 5; iteration++)
        {
            cluster.One(10 + index++, 5);
            var leader = cluster.CheckOneLeader();
            var ids = cluster.Ids.ToArray();
            int At(int offset) => ids[(Array.IndexOf(ids, leader) + offset) % ids.Length];

            cluster.Crash(At(1));
            cluster.Crash(At(2));
            cluster.One(10 + index++, 3);

            cluster.Crash(At(0));
            cluster.Crash(At(3));
            cluster.Crash(At(4));
            cluster.Restart(At(1));
            cluster.Restart(At(2));
            cluster.RunFor(Scenario.ElectionWindowMs);
            cluster.Restart(At(3));
            cluster.One(10 + index++, 3);

            cluster.Restart(At(4));
            cluster.Restart(At(0));
        }
        cluster.One(1000, 5);
    }

    [Fact]
    public void Persist3_LeaderAndFollowerCrashWithUncommittedEntry_ClusterRecovers()
    {
        var cluster = Scenario.Start(3);
        cluster.One(101, 3);
        var leader = cluster.CheckOneLeader();
        var ids = cluster.Ids.ToArray();
        var next = ids[(Array.IndexOf(ids, leader) + 1) % 3];
        var third = ids[(Array.IndexOf(ids, leader) + 2) % 3];

        cluster.Disconnect(third);
        cluster.One(102, 2);
        cluster.Crash(leader);
        cluster.Crash(next);
        cluster.Connect(third);
        cluster.Restart(leader);
        cluster.One(103, 2);
        cluster.Restart(next);
        cluster.One(104, 3);
    }

    [Fact]
    public void Persist_DiskLatency_CrashBeforeSync_LosesOnlyUnacknowledgedWrites()
    {
        var cluster = Scenario.Start(3);
        foreach (var peer in cluster.Peers) peer.DiskLatencyMs = 5;
        var leader = cluster.CheckOneLeader();
        var committed = cluster.One("kept", 3);
        var proposal = cluster.Propose(leader, Scenario.Cmd("maybe-lost"));
        // Crash the leader while its write is still in flight: the entry was never synced nor sent.
        Assert.True(cluster.Peer(leader).IsPersisting);
        cluster.Crash(leader);
        cluster.Restart(leader);
        Assert.True(cluster.Peer(leader).Node!.LastIndex < proposal!.Value.Index);
        cluster.One("after", 3);
        Assert.Equal(Scenario.Cmd("kept"), cluster.AppliedAt(committed).Entry!.Value.Data.ToArray());
    }

    [Theory]
    [InlineData(1UL, false)]
    [InlineData(2UL, false)]
    [InlineData(5UL, false)]
    [InlineData(6UL, false)]
    [InlineData(7UL, false)]
    [InlineData(8UL, false)]
    [InlineData(3UL, true)]
    [InlineData(4UL, true)]
    public void Figure8_LeadersCrashMidReplication_NoCommittedEntryIsLost(ulong seed, bool unreliable)
    {
        var config = new RaftConfig { Id = 1, Peers = [1], MaxEntriesPerMessage = 1, MaxInflightMessages = 1 };
        var network = unreliable ? NetworkOptions.Unreliable with { LongDelayRate = 0.05, LongDelayMaxMs = 2000 } : null;
        var cluster = Scenario.Start(5, seed, config, network);
        var random = new DeterministicRandom(seed);
        cluster.One(random.Next(10_000), 1);

        var up = cluster.Ids.Count();
        for (var iteration = 0; iteration < 1000; iteration++)
        {
            var leader = 0;
            foreach (var id in cluster.Ids)
            {
                if (cluster.Propose(id, Scenario.Cmd(random.Next(10_000))) is { IsAccepted: true }) leader = id;
            }
            cluster.RunFor(random.Chance(0.1) ? random.Next((int)(Scenario.ElectionWindowMs / 2)) : random.Next(13));
            Scenario.AssertSafe(cluster);
            if (leader != 0 && cluster.Peer(leader).Alive)
            {
                if (unreliable) cluster.Disconnect(leader);
                else cluster.Crash(leader);
                up--;
            }
            if (up < 3)
            {
                var down = cluster.Peers.Where(p => !p.Alive || !cluster.IsConnected(p.Id)).ToArray();
                var revive = down[random.Next(down.Length)].Id;
                cluster.Restart(revive);
                cluster.Connect(revive);
                up++;
            }
        }
        foreach (var id in cluster.Ids)
        {
            cluster.Restart(id);
            cluster.Connect(id);
        }
        cluster.Network.Options = NetworkOptions.Reliable;
        cluster.One(random.Next(10_000), 5);
    }
}

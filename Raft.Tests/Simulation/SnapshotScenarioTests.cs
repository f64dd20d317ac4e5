using Raft.Core.Node;
using Raft.Core.Snapshots;
using Raft.Simulator.Cluster;

namespace Raft.Tests.Simulation;

/// <summary>
/// Snapshots on the simulator, with the checker comparing every peer's state machine with the committed
/// log's after each apply and each restore: compaction bounds the log, a follower behind the leader's first
/// index catches up by InstallSnapshot (also through crashes in the middle of one), a wiped follower is
/// rebuilt, and a restart loads the snapshot and re-applies only the tail.
/// </summary>
public sealed class SnapshotScenarioTests
{
    private static readonly SnapshotPolicy Often = new() { EntriesThreshold = 20, TrailingEntries = 2 };
    private static readonly RaftConfig SmallChunks = new() { Id = 1, Peers = [1], SnapshotChunkBytes = 16, MaxInflightSnapshotChunks = 2 };

    private static SimCluster Start(ulong seed) => new(3, seed, SmallChunks, snapshots: Often);

    private static void Write(SimCluster cluster, int count, int expectedPeers)
    {
        for (var i = 0; i < count; i++) cluster.One($"k{i % 7}=v{cluster.NowMs}-{i}", expectedPeers);
    }

    [Fact]
    public void Compaction_KeepsTheLogBounded()
    {
        var cluster = Start(seed: 3);
        cluster.CheckOneLeader();
        Write(cluster, 200, 3);
        foreach (var peer in cluster.Peers)
        {
            var status = peer.Node!.Status();
            Assert.True(status.SnapshotIndex > 150, $"peer {peer.Id}: {status}");
            Assert.True(status.LogLength <= Often.EntriesThreshold + Often.TrailingEntries + 5, $"peer {peer.Id}: {status}");
        }
        Assert.True(cluster.Compactions >= 3 * 9);
    }

    [Fact]
    public void FollowerBehindTheFirstIndex_CatchesUpByInstallSnapshot()
    {
        var cluster = Start(seed: 5);
        var leader = cluster.CheckOneLeader();
        var behind = cluster.Other(leader);
        cluster.Disconnect(behind);
        Write(cluster, 100, 2);
        cluster.Connect(behind);

        var last = cluster.One("after=1", 3);
        Assert.True(cluster.SnapshotInstalls > 0, "the follower caught up from the log, not a snapshot");
        Assert.True(cluster.Peer(behind).LastApplied >= last);
        Assert.True(cluster.Peer(behind).Node!.FirstIndex > 1);
        // Applied through the snapshot, then only the tail: most history never reached its state machine entry by entry.
        Assert.True(cluster.Peer(behind).Applied.Count < last / 2, $"applied {cluster.Peer(behind).Applied.Count} entries one by one");
        Scenario.AssertSafe(cluster);
    }

    [Fact]
    public void CrashesInTheMiddleOfInstalls_LeaveTheOldStateUsable()
    {
        var cluster = Start(seed: 11);
        foreach (var peer in cluster.Peers) peer.DiskLatencyMs = 3;
        var leader = cluster.CheckOneLeader();
        var behind = cluster.Other(leader);
        cluster.Disconnect(behind);
        Write(cluster, 100, 2);

        cluster.InstallCrashRate = 0.5;
        cluster.Connect(behind);
        Assert.True(cluster.RunUntil(() => cluster.CrashesDuringInstall >= 3, 20_000), cluster.Describe());
        cluster.InstallCrashRate = 0;
        cluster.Restart(behind);
        var last = cluster.One("after=1", 3);
        Assert.True(cluster.Peer(behind).LastApplied >= last, cluster.Describe());
        Scenario.AssertSafe(cluster);
    }

    [Fact]
    public void WipedFollower_IsRebuiltFromTheLeadersSnapshot()
    {
        var cluster = Start(seed: 13);
        var leader = cluster.CheckOneLeader();
        Write(cluster, 80, 3);
        var wiped = cluster.Other(leader);
        cluster.CrashAndWipe(wiped);
        cluster.Restart(wiped);
        Assert.Equal(0, cluster.Peer(wiped).Node!.LastIndex);

        Assert.True(cluster.RunUntil(() => cluster.Peer(wiped).LastApplied >= cluster.Checker.Committed.Count && cluster.Peer(wiped).Node!.SnapshotIndex > 0, 5000), cluster.Describe());
        var last = cluster.One("after=1", 3);
        Assert.True(cluster.Peer(wiped).LastApplied >= last);
        Scenario.AssertSafe(cluster);
    }

    [Fact]
    public void Restart_LoadsTheSnapshot_AndReappliesOnlyTheTail()
    {
        var cluster = Start(seed: 17);
        cluster.CheckOneLeader();
        Write(cluster, 120, 3);
        var peer = cluster.Peer(1);
        var snapshot = peer.Disk.Snapshot!;
        cluster.Crash(1);
        cluster.Restart(1);
        Assert.Equal(snapshot.Index, peer.LastApplied - peer.Applied.Count);
        Assert.Equal(snapshot.Index + 1, peer.Node!.FirstIndex);
        cluster.One("after=1", 3);
        Scenario.AssertSafe(cluster);
    }
}

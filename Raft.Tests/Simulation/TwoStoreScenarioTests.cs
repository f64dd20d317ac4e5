using Raft.Core.Node;
using Raft.Simulator.Cluster;

namespace Raft.Tests.Simulation;

/// <summary>
/// The host's two-store write on the simulator: a Ready's log entries are written before its hard state,
/// and a hard state that changed only in its commit index is written lazily. These scenarios steer a
/// cluster into the one moment each fault needs (a crash between the two stores; a crash while a commit
/// is deferred), check what the disk kept, and prove that the peer restarts safely and catches up while
/// the safety checker watches every event.
/// </summary>
public sealed class TwoStoreScenarioTests
{
    // Equal latencies keep the network FIFO, so a new leader's first Append reaches a peer before its heartbeats.
    private static readonly NetworkOptions InOrder = new() { MinLatencyMs = 2, MaxLatencyMs = 2 };

    [Fact]
    public void TornWrite_CrashBetweenEntriesAndHardState_RestartsInTheLogsTermWithoutAVote()
    {
        // The torn write needs the no-op's Append to leave after the new leader's write (below), so this
        // scenario keeps a leader's appends behind its write; the random worlds run them early.
        var cluster = Scenario.Start(5, seed: 7, config: new RaftConfig { Id = 1, Peers = [1, 2, 3, 4, 5], EarlyAppends = false }, network: InOrder);
        foreach (var peer in cluster.Peers) peer.DiskLatencyMs = 3;
        var oldLeader = cluster.CheckOneLeader();
        cluster.One("before", 5);
        var torn = cluster.Other(oldLeader);
        var oldTerm = cluster.Peer(torn).Node!.Term;

        // The torn peer hears no one, so it misses the next election's vote requests; with PreVote its
        // own campaigns leave its term alone.
        foreach (var id in cluster.Ids.Where(id => id != torn)) cluster.Network.Cut(id, torn);
        cluster.Crash(oldLeader);
        var electors = cluster.Ids.Where(id => id != torn && id != oldLeader).ToArray();
        Assert.True(cluster.RunUntil(() => cluster.Leaders(electors).Count > 0, 5000), cluster.Describe());
        var newLeader = cluster.Leaders(electors)[0].Id;
        var newTerm = cluster.Peer(newLeader).Node!.Term;
        Assert.True(cluster.Peer(newLeader).IsPersisting, "the new leader's no-op write should still be in flight");
        Assert.Equal(oldTerm, cluster.Peer(torn).Node!.Term);

        // Mend the links before the no-op's Append leaves: the torn peer learns the new term from an Append
        // with entries, so one Ready carries both, and the write goes entries first, hard state second.
        cluster.Network.Heal();
        var tornPeer = cluster.Peer(torn);
        Assert.True(cluster.RunUntil(() => tornPeer.WritePhase == DiskWritePhase.BetweenStores, 1000), cluster.Describe());
        Assert.Equal(newTerm, tornPeer.Disk.LastTerm);
        Assert.Equal(oldTerm, tornPeer.Disk.HardState.Term);

        cluster.Crash(torn);
        Assert.Equal(1, cluster.TornWrites);
        // Only the hard state is lost: the log keeps the new term's entries, the hard state the old term.
        Assert.Equal(newTerm, tornPeer.Disk.LastTerm);
        Assert.Equal(oldTerm, tornPeer.Disk.HardState.Term);

        cluster.Restart(torn);
        var restarted = tornPeer.Node!;
        Assert.Equal(newTerm, restarted.Term);
        Assert.Equal(0, restarted.VotedFor);
        // The first Ready of the new life writes the reconciled term.
        Assert.True(cluster.RunUntil(() => tornPeer.Disk.HardState.Term >= newTerm, 1000), cluster.Describe());

        cluster.Restart(oldLeader);
        cluster.One("after", 5);
        Scenario.AssertSafe(cluster);
        Assert.Equal(cluster.Checker.Committed.Count, tornPeer.Applied.Count);
    }

    [Fact]
    public void LazyCommit_CrashLosesTheDeferredCommit_PeerRestartsFromAnOlderCommitAndCatchesUp()
    {
        var cluster = Scenario.Start(3, seed: 3, network: InOrder);
        foreach (var peer in cluster.Peers) peer.DiskLatencyMs = 2;
        var leader = cluster.CheckOneLeader();
        cluster.One("first", 3);
        var follower = cluster.Other(leader);
        var disk = cluster.Peer(follower).Disk;
        cluster.One("second", 3);

        // The follower learned the new commit index after writing the entry: a commit-only change, deferred.
        Assert.True(cluster.RunUntil(() => disk.DeferredCommit is not null, 1000), cluster.Describe());
        var commitInMemory = cluster.Peer(follower).Node!.CommitIndex;
        var commitOnDisk = disk.HardState.Commit;
        Assert.True(commitOnDisk < commitInMemory, $"disk commit {commitOnDisk}, memory {commitInMemory}");

        cluster.Crash(follower);
        Assert.Equal(1, cluster.LostCommitUpdates);
        Assert.Equal(commitOnDisk, disk.HardState.Commit);
        cluster.Restart(follower);
        Assert.Equal(commitOnDisk, cluster.Peer(follower).Node!.CommitIndex);

        var third = cluster.One("third", 3);
        Scenario.AssertSafe(cluster);
        Assert.Equal(third, cluster.Peer(follower).Applied.Count);
    }
}

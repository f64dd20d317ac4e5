using Raft.Core.Node;
using Raft.Grains;
using Raft.Grains.Client;
using Raft.Grains.Placement;
using Raft.Grains.StateMachine;
using Raft.Silo.Hosting;
using Raft.TestCluster;
using Raft.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Raft.Tests.Integration;

/// <summary>
/// The peer as an Orleans grain on real silos: a follower whose disk stalls does not stop the leader (its
/// ticks and replication run on, commands commit with the other follower, no election happens) and catches
/// up when its disk returns; a peer whose silo is down fails calls with a typed error and is never activated
/// on another silo; a peer that nobody calls is woken again by its reminder.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class PeerGrainTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FollowerDiskStalls_LeaderKeepsTickingAndCommitting_FollowerCatchesUpAfter()
    {
        var disks = new Dictionary<string, GatedPeerStorageFactory>();
        await using var cluster = await ClusterFixture.StartAsync(3, options: new TestClusterOptions
        {
            ConfigureSiloServices = (silo, services) =>
            {
                var disk = new GatedPeerStorageFactory();
                disks[silo.Name] = disk;
                services.AddSingleton<IPeerStorageFactory>(disk);
            },
        });
        var (leaderSilo, leader) = await cluster.WaitForLeaderAsync();
        var stalled = cluster.Silos.First(s => s != leaderSilo);
        disks[stalled.Name].Close(stalled.PeerIds[0]);

        // Many election timeouts' worth of commands while one follower cannot persist anything.
        CommandOutcome last = null!;
        for (var i = 0; i < 30; i++)
        {
            last = await leaderSilo.Client.SubmitAsync(new Operation.Put($"k{i}", "v"), null, Token);
            Assert.Equal(OutcomeStatus.Completed, last.Status);
        }
        var now = (await leaderSilo.PeerStatusesAsync(Token))[0];
        Assert.Equal(RaftRole.Leader, now.Role);
        Assert.Equal(leader.Term, now.Term);
        var stalledStatus = (await stalled.PeerStatusesAsync(Token))[0];
        Assert.True(stalledStatus.Applied < now.Commit, $"the stalled follower applied {stalledStatus.Applied} of {now.Commit}");

        disks[stalled.Name].OpenAll();
        await cluster.WaitForAppliedAsync(now.Commit);
        Assert.Equal(leader.Term, (await leaderSilo.PeerStatusesAsync(Token))[0].Term);
    }

    [Fact]
    public async Task PeerOnADeadSilo_FailsWithATypedError_AndIsNeverActivatedElsewhere()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        await cluster.WaitForLeaderAsync();
        var victim = cluster.Silo(2);
        var peerId = victim.PeerIds[0];
        await cluster.KillSiloAsync(victim);
        var caller = cluster.Silo(0);

        // Until membership declares the silo dead a call may fail otherwise (its connection is gone); from
        // then on placement refuses at once, naming the peer and its member.
        PeerSiloUnavailableException? refusal = null;
        await cluster.WaitUntilAsync(async () =>
        {
            try
            {
                await caller.Grains.GetRaftPeer(peerId).GetStatusAsync(Token);
            }
            catch (PeerSiloUnavailableException e)
            {
                refusal = e;
                return true;
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
            }
            return false;
        }, "a typed refusal for the peer of a dead silo");

        Assert.Equal(peerId, refusal!.PeerId);
        Assert.Equal(victim.Name, refusal.Member);
        Assert.False(cluster.IsPeerActive(peerId));
        // The rest of the group still serves.
        Assert.Equal(OutcomeStatus.Completed, (await caller.Client.SubmitAsync(new Operation.Put("k", "v"), null, Token)).Status);
    }

    [Fact]
    public async Task PeerNobodyCalls_IsWokenByItsReminder()
    {
        await using var cluster = await ClusterFixture.StartAsync(1, options: new TestClusterOptions
        {
            Settings = new Dictionary<string, string?> { ["Raft:Timing:WakeReminderPeriodMs"] = "1000" },
        });
        await cluster.WaitForLeaderAsync();
        // A single peer gets no messages: once deactivated, only its reminder brings it back.
        await cluster.WaitUntilAsync(() => Task.FromResult(cluster.IsPeerActive(1)), "the peer is active");
        await cluster.DeactivatePeerAsync(1);
        Assert.False(cluster.IsPeerActive(1));

        await cluster.WaitUntilAsync(() => Task.FromResult(cluster.IsPeerActive(1)), "the reminder woke the peer");
    }
}

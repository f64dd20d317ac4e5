using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Grains;
using Raft.Grains.Client;
using Raft.Grains.Placement;
using Raft.Grains.StateMachine;
using Raft.Silo.Hosting;
using Raft.Silo.Storage;
using Raft.TestCluster;
using Raft.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Raft.Tests.Integration;

/// <summary>
/// The peer as an Orleans grain on real silos: a follower whose disk stalls does not stop the leader (its
/// ticks and replication run on, commands commit with the other follower, no election happens) and catches
/// up when its disk returns; a peer whose silo is down fails calls with a typed error and is never activated
/// on another silo; a peer that nobody calls is woken again by its reminder; an activation fenced out by a
/// newer claim on its log stops at its next write (InconsistentStateException) and the peer comes back; bad
/// input from any caller (an unknown peer id, a command that does not decode, forged or empty messages) gets
/// a typed refusal and changes nothing.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class PeerGrainTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FollowerDiskStalls_LeaderKeepsTickingAndCommitting_FollowerCatchesUpAfter()
    {
        // Silos start at once, each configuring its services on its own thread.
        var disks = new System.Collections.Concurrent.ConcurrentDictionary<string, GatedPeerStorageFactory>();
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

    [Fact]
    public async Task ActivationFencedOutOfItsLog_StopsAtItsNextWrite_AndThePeerComesBackUnderANewEpoch()
    {
        var faults = new RecordingPeerObserver();
        await using var cluster = await ClusterFixture.StartAsync(1, options: new TestClusterOptions
        {
            ConfigureSiloServices = (_, services) => services.AddSingleton<IRaftPeerObserver>(faults),
        });
        var silo = cluster.Silo(0);
        Assert.Equal(OutcomeStatus.Completed, (await silo.Client.SubmitAsync(new Operation.Put("before", "v"), null, Token)).Status);

        // What a second activation elsewhere would do first: claim the log with the next epoch, through a
        // connection of its own.
        await using (var intruder = new SqliteStorageProvider(silo.DataDirectory))
        {
            await intruder.OpenAsync(Token);
            var epoch = await ScalarAsync(silo, "SELECT epoch FROM raft_fence");
            await intruder.ForPeer(ProviderPeerStorageFactory.GroupName, 1).ClaimAsync(epoch + 1, Token);
        }

        // The running activation's next append fails; it stops, and the client grain's retry reaches a new
        // activation, which claims the log under a newer epoch of its own.
        Assert.Equal(OutcomeStatus.Completed, (await silo.Client.SubmitAsync(new Operation.Put("after", "v"), null, Token)).Status);
        Assert.Contains(faults.Faults, e => e is Orleans.Storage.InconsistentStateException);
        var read = await silo.Client.ReadAsync("before", ReadConsistency.Linearizable, Token);
        Assert.Equal("v", Assert.IsType<CommandResult.Value>(read.Result).Text);
    }

    [Fact]
    public async Task BadInputFromAnyCaller_IsRefusedTyped_AndChangesNothing()
    {
        var observer = new RecordingPeerObserver();
        await using var cluster = await ClusterFixture.StartAsync(3, options: new TestClusterOptions
        {
            ConfigureSiloServices = (_, services) => services.AddSingleton<IRaftPeerObserver>(observer),
        });
        var (leaderSilo, leader) = await cluster.WaitForLeaderAsync();
        var peer = leaderSilo.Grains.GetRaftPeer(leader.Id);

        var unknown = await Assert.ThrowsAsync<UnknownPeerException>(() => leaderSilo.Grains.GetRaftPeer(99).GetStatusAsync(Token));
        Assert.Equal(99, unknown.PeerId);
        Assert.Equal(ProposeStatus.Rejected, (await peer.ProposeAsync([1, 2, 3], Token)).Status);
        await peer.DeliverAsync(null!);
        await peer.DeliverAsync(new MessageBatch([
            null!,
            new Message { Type = MessageType.Append, From = 99, To = leader.Id, Term = leader.Term + 5 },
            new Message { Type = MessageType.Vote, From = leaderSilo.PeerIds[0] == 1 ? 2 : 1, To = leader.Id + 10, Term = leader.Term + 5 },
        ]));

        await cluster.WaitUntilAsync(() => Task.FromResult(observer.Rejected.Count >= 2), "the forged messages reached the leader and were refused");
        Assert.Contains(StepOutcome.UnknownPeer, observer.Rejected);
        Assert.Contains(StepOutcome.WrongRecipient, observer.Rejected);
        var after = (await leaderSilo.PeerStatusesAsync(Token))[0];
        Assert.Equal(RaftRole.Leader, after.Role);
        Assert.Equal(leader.Term, after.Term);
        Assert.Equal(leader.LastIndex, after.LastIndex);
    }

    private static async Task<long> ScalarAsync(TestSilo silo, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(silo.DataDirectory, SqliteStorageProvider.DefaultFileName)};Pooling=False");
        await connection.OpenAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(Token), System.Globalization.CultureInfo.InvariantCulture);
    }
}

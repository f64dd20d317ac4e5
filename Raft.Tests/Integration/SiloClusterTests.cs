using Microsoft.Data.Sqlite;
using Raft.Grains;
using Raft.Grains.StateMachine;
using Raft.Silo.Storage;
using Raft.TestCluster;

namespace Raft.Tests.Integration;

/// <summary>
/// Silos hosting peers as grains, on real storage and real sockets: a leader is elected on 1, 3 and 5
/// silos; commands commit on every peer; a killed leader's silo is replaced and catches up when it
/// returns; stopping and restarting every silo keeps term, vote and log; a corrupt log record stops a
/// silo with a message naming the peer and the file.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class SiloClusterTests
{
    private static async Task<ProposeReply> ProposeAtLeaderAsync(Raft.TestCluster.TestCluster cluster, string command)
    {
        var (silo, status) = await cluster.WaitForLeaderAsync();
        // Any well-formed command will do; a named session is the simplest the state machine applies.
        var encoded = CommandCodec.Encode(Command.RegisterSession(name: command));
        var reply = await silo.Grains.GetRaftPeer(status.Id).ProposeAsync(encoded, TestContext.Current.CancellationToken);
        Assert.True(reply.IsApplied, $"{command}: {reply}");
        return reply;
    }

    [Theory]
    [InlineData(1, ClusterFixture.Sqlite)]
    [InlineData(3, ClusterFixture.Sqlite)]
    [InlineData(5, ClusterFixture.Sqlite)]
    [InlineData(3, ClusterFixture.Postgres)]
    public async Task LeaderElected_AndCommandsApplyOnEveryPeer(int silos, string storage)
    {
        await using var cluster = await ClusterFixture.StartAsync(silos, storage);
        var (_, leader) = await cluster.WaitForLeaderAsync();
        Assert.True(leader.Term >= 1);
        ProposeReply last = null!;
        for (var i = 0; i < 10; i++) last = await ProposeAtLeaderAsync(cluster, $"c{i}");
        await cluster.WaitForAppliedAsync(last.Index);
    }

    [Theory]
    [InlineData(ClusterFixture.Sqlite)]
    [InlineData(ClusterFixture.Postgres)]
    public async Task KillLeaderSilo_NewLeaderTakesOver_OldSiloCatchesUpAfterRestart(string storage)
    {
        await using var cluster = await ClusterFixture.StartAsync(3, storage);
        var first = await ProposeAtLeaderAsync(cluster, "before");
        var (oldSilo, oldLeader) = await cluster.WaitForLeaderAsync();
        await cluster.KillSiloAsync(oldSilo);

        var (newSilo, newLeader) = await cluster.WaitForLeaderAsync(cluster.RunningSilos);
        Assert.NotEqual(oldSilo, newSilo);
        Assert.True(newLeader.Term > oldLeader.Term);
        var during = await ProposeAtLeaderAsync(cluster, "during");
        Assert.True(during.Index > first.Index);

        await cluster.RestartSiloAsync(oldSilo);
        await cluster.WaitForAppliedAsync(during.Index);
    }

    [Theory]
    [InlineData(ClusterFixture.Sqlite)]
    [InlineData(ClusterFixture.Postgres)]
    public async Task StopAndRestartEverySilo_KeepsTermVoteAndLog(string storage)
    {
        await using var cluster = await ClusterFixture.StartAsync(3, storage);
        ProposeReply last = null!;
        for (var i = 0; i < 5; i++) last = await ProposeAtLeaderAsync(cluster, $"c{i}");
        await cluster.WaitForAppliedAsync(last.Index);
        var before = (await cluster.StatusesAsync()).ToDictionary(s => s.Status.Id, s => s.Status);

        foreach (var silo in cluster.Silos) await cluster.StopSiloAsync(silo);
        foreach (var silo in cluster.Silos) await cluster.RestartSiloAsync(silo);

        foreach (var (_, status) in await cluster.StatusesAsync())
        {
            var old = before[status.Id];
            Assert.True(status.Term >= old.Term, $"peer {status.Id} term {status.Term} < {old.Term}");
            if (status.Term == old.Term) Assert.Equal(old.VotedFor, status.VotedFor);
            Assert.True(status.LastIndex >= old.LastIndex, $"peer {status.Id} log {status.LastIndex} < {old.LastIndex}");
            Assert.True(status.Commit >= old.Commit, $"peer {status.Id} commit {status.Commit} < {old.Commit}");
        }
        var after = await ProposeAtLeaderAsync(cluster, "after");
        Assert.True(after.Index > last.Index);
        await cluster.WaitForAppliedAsync(after.Index);
    }

    [Fact]
    public async Task CorruptLogRecord_StopsTheSilo_NamingPeerAndFile()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        await ProposeAtLeaderAsync(cluster, "x");
        var victim = cluster.Silo(1);
        await cluster.StopSiloAsync(victim);

        var file = Path.Combine(victim.DataDirectory, SqliteStorageProvider.DefaultFileName);
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE raft_log SET term = term + 7 WHERE log_index = 1";
            Assert.True(await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken) > 0);
        }

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => cluster.RestartSiloAsync(victim));
        var corruption = Unwrap(failure);
        Assert.NotNull(corruption);
        Assert.Contains("raft/2", corruption.Message, StringComparison.Ordinal);
        Assert.Contains(file, corruption.Message, StringComparison.Ordinal);
        Assert.False(victim.IsRunning);
    }

    private static StorageCorruptionException? Unwrap(Exception? e) => e switch
    {
        null => null,
        StorageCorruptionException corruption => corruption,
        AggregateException aggregate => aggregate.InnerExceptions.Select(Unwrap).FirstOrDefault(c => c is not null),
        _ => Unwrap(e.InnerException),
    };
}

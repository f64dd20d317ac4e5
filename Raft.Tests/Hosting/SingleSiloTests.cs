using System.Net.Http.Json;
using System.Text;
using Orleans.Runtime;
using Raft.Core.Node;
using Raft.Grains;
using Raft.Silo;
using Raft.Silo.Hosting;
using Raft.Silo.Http;

namespace Raft.Tests.Hosting;

/// <summary>
/// Proves one in-process silo, built as the process builds it and hosting the 5-peer group with in-memory
/// storage, works end to end on real timers: exactly one leader is elected and every peer follows it;
/// proposals through the leader commit and complete only once applied (the state machine holds them when
/// the caller is answered, and every peer applies them); a follower answers NotLeader with the leader's
/// id; /status reports the first peer's role and term; stopping the silo is prompt and refuses new calls.
/// </summary>
[Collection(Raft.Tests.Integration.IntegrationCollection.Name)]
public sealed class SingleSiloTests
{
    [Fact(Timeout = TestTimeouts.HostMs)]
    public async Task FivePeers_ElectExactlyOneLeader_AllFollowIt()
    {
        await using var silo = await InProcessSilo.StartAsync();
        var leader = await silo.WaitForStableLeaderAsync();

        var statuses = await silo.StatusesAsync();
        Assert.Single(statuses, s => s.Role == RaftRole.Leader);
        Assert.All(statuses.Where(s => s.Id != leader.Id), s => Assert.Equal(RaftRole.Follower, s.Role));
        Assert.True(leader.Term >= 1);
    }

    [Fact(Timeout = TestTimeouts.HostMs)]
    public async Task ProposalThroughLeader_CompletesOnlyOnceApplied_AndEveryPeerApplies()
    {
        await using var silo = await InProcessSilo.StartAsync();
        var leader = await silo.WaitForStableLeaderAsync();
        var grain = silo.Grains.GetRaftPeer(leader.Id);
        var machine = silo.StateMachines.Machines[leader.Id];

        for (var i = 0; i < 10; i++)
        {
            var command = Encoding.UTF8.GetBytes($"command-{i}");
            var reply = await grain.ProposeAsync(command, TestContext.Current.CancellationToken);
            // Checked in the first moment the caller is answered: the state machine must hold it already.
            var appliedWhenAnswered = machine.HasApplied(reply.Index, command);

            Assert.Equal(ProposeStatus.Applied, reply.Status);
            Assert.True(appliedWhenAnswered, $"reply {reply} arrived before the leader applied index {reply.Index}");
            Assert.Equal($"applied:{reply.Index}", Encoding.UTF8.GetString(reply.Result.Span));
            Assert.Equal(leader.Term, reply.Term);
            var status = await grain.GetStatusAsync(TestContext.Current.CancellationToken);
            Assert.True(status.Applied >= reply.Index && status.Commit >= reply.Index, $"{status} after {reply}");
        }

        // Ten commands after the leader's no-op: every peer applies all of them, in the same places.
        await Eventually.UntilAsync(
            () => silo.StateMachines.Machines.Count == 5 && silo.StateMachines.Machines.Values.All(m => m.Count == 10),
            () => string.Join(", ", silo.StateMachines.Machines.Select(m => $"peer {m.Key} applied {m.Value.Count}")));
    }

    [Fact(Timeout = TestTimeouts.HostMs)]
    public async Task BatchThroughLeader_TakesConsecutiveIndexes_AnswersEachInOrder_AndPastTheBoundIsRefusedWhole()
    {
        await using var silo = await InProcessSilo.StartAsync();
        var leader = await silo.WaitForStableLeaderAsync();
        var grain = silo.Grains.GetRaftPeer(leader.Id);
        var machine = silo.StateMachines.Machines[leader.Id];
        var commands = Enumerable.Range(0, 5).Select(i => Encoding.UTF8.GetBytes($"batched-{i}")).ToArray();

        var replies = await grain.ProposeBatchAsync(commands, TestContext.Current.CancellationToken);

        Assert.All(replies, r => Assert.Equal(ProposeStatus.Applied, r.Status));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => replies[0].Index + i), replies.Select(r => r.Index));
        Assert.All(replies.Zip(commands), p => Assert.True(machine.HasApplied(p.First.Index, p.Second)));

        var tooMany = Enumerable.Range(0, Raft.Grains.Client.ProposalBatchLimits.MaxCommandsPerCall + 1).Select(_ => "x"u8.ToArray()).ToArray();
        Assert.Empty(await grain.ProposeBatchAsync(tooMany, TestContext.Current.CancellationToken));
        Assert.Equal(5, machine.Count);
    }

    [Fact(Timeout = TestTimeouts.HostMs)]
    public async Task ProposalToFollower_IsNotLeader_WithTheLeadersId()
    {
        await using var silo = await InProcessSilo.StartAsync();
        var leader = await silo.WaitForStableLeaderAsync();
        var followerId = InProcessSilo.PeerIds.First(id => id != leader.Id);

        var reply = await silo.Grains.GetRaftPeer(followerId).ProposeAsync("x"u8.ToArray(), TestContext.Current.CancellationToken);

        Assert.Equal(ProposeStatus.NotLeader, reply.Status);
        Assert.Equal(leader.Id, reply.LeaderHint);
        Assert.Equal(0, silo.StateMachines.Machines[followerId].Count);
    }

    [Fact(Timeout = TestTimeouts.HostMs)]
    public async Task StatusEndpoint_ReportsFirstPeersRoleAndTerm()
    {
        await using var silo = await InProcessSilo.StartAsync();
        var leader = await silo.WaitForStableLeaderAsync();
        using var http = new HttpClient { BaseAddress = new Uri(silo.ClientUrl) };

        var body = await http.GetFromJsonAsync<StatusResponse>("/status", TestContext.Current.CancellationToken);
        var page = await http.GetStringAsync(new Uri("/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.NotNull(body);
        Assert.Equal(leader.Id == 1 ? "Leader" : "Follower", body.Role);
        Assert.Equal(leader.Term, body.Term);
        Assert.Contains("peers hosted here: 1, 2, 3, 4, 5", page, StringComparison.Ordinal);
    }

    [Fact(Timeout = TestTimeouts.HostMs)]
    public async Task StoppingTheSilo_IsPrompt_AndRefusesLaterCalls()
    {
        var silo = await InProcessSilo.StartAsync();
        await silo.WaitForStableLeaderAsync();
        var peer = silo.Grains.GetRaftPeer(1);
        var started = DateTime.UtcNow;

        await silo.DisposeAsync();

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "the silo took 5 s or more to stop");
        await Assert.ThrowsAsync<SiloUnavailableException>(() => peer.GetStatusAsync(TestContext.Current.CancellationToken));
    }
}

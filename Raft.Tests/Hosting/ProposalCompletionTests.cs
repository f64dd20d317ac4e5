using Microsoft.Extensions.DependencyInjection;
using Raft.Grains;
using Raft.Silo.Hosting;

namespace Raft.Tests.Hosting;

/// <summary>
/// Proves a proposal is answered only once its entry is committed and applied, not when the leader
/// appends it: with every follower's disk stalled, the leader holds the entry in its log but the caller
/// waits and no state machine has it; once the disks resume, the entry commits and the caller gets
/// Applied with the result.
/// </summary>
[Collection(Raft.Tests.Integration.IntegrationCollection.Name)]
public sealed class ProposalCompletionTests
{
    [Fact(Timeout = TestTimeouts.HostMs)]
    public async Task ProposalWaits_WhileNoQuorumCanPersist_ThenCompletesApplied()
    {
        var storage = new GatedPeerStorageFactory();
        await using var silo = await InProcessSilo.StartAsync(
            new Dictionary<string, string?> { ["Raft:Timing:ProposeTimeoutMs"] = "10000" },
            services => services.AddSingleton<IPeerStorageFactory>(storage));
        var leader = await silo.WaitForStableLeaderAsync();
        var grain = silo.Grains.GetRaftPeer(leader.Id);
        foreach (var id in InProcessSilo.PeerIds.Where(id => id != leader.Id)) storage.Close(id);

        var reply = grain.ProposeAsync("stalled"u8.ToArray(), TestContext.Current.CancellationToken);
        await Eventually.UntilAsync(async () => (await grain.GetStatusAsync(TestContext.Current.CancellationToken)).LastIndex > leader.LastIndex, silo.DescribeAsync);

        Assert.False(reply.IsCompleted, "answered before a quorum persisted the entry");
        Assert.All(silo.StateMachines.Machines.Values, machine => Assert.Equal(0, machine.Count));

        storage.OpenAll();
        var answer = await reply;
        Assert.Equal(ProposeStatus.Applied, answer.Status);
        Assert.True(silo.StateMachines.Machines[leader.Id].HasApplied(answer.Index, "stalled"u8));
    }
}

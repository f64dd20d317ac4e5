using Raft.Core.Members;
using Raft.Core.Node;
using Raft.Grains;
using Raft.Grains.Client;
using Raft.Grains.Members;
using Raft.Grains.StateMachine;
using Raft.TestCluster;

namespace Raft.Tests.Integration;

/// <summary>
/// Membership changes and leadership transfer on real silos: a five-member configuration whose first three
/// members start as the group, the other two silos started later as joiners. Refused changes leave the
/// membership and the log alone; a transfer moves the leader and refuses a learner or an unknown peer.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class MembershipTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    internal static TestClusterOptions FiveMembersThreeVoters => new()
    {
        Members = 5,
        InitialVoters = 3,
        Settings = new Dictionary<string, string?> { ["Raft:Client:RequestTimeoutMs"] = "5000" },
    };

    [Fact]
    public async Task Refusals_OnRealSilos_ChangeNothing()
    {
        await using var cluster = await ClusterFixture.StartAsync(3, options: FiveMembersThreeVoters);
        var (leader, before) = await cluster.WaitForLeaderAsync();
        Assert.Equal([1, 2, 3], before.Membership.Voters);
        var client = cluster.Silo(1).Client;

        var refusals = new (MembershipChange Change, MembershipStatus Expected)[]
        {
            (new(MembershipChangeKind.Remove, 5), MembershipStatus.UnknownMember),       // a configured peer that is no member
            (new(MembershipChangeKind.Promote, 4), MembershipStatus.UnknownMember),      // not a learner
            (new(MembershipChangeKind.Promote, 2), MembershipStatus.AlreadyVoter),
            (new(MembershipChangeKind.AddLearner, 2), MembershipStatus.AlreadyMember),
            (new(MembershipChangeKind.AddLearner, 9), MembershipStatus.InvalidPeer),     // no silo hosts peer 9
            (new(MembershipChangeKind.Remove, 0), MembershipStatus.InvalidPeer),
        };
        foreach (var (change, expected) in refusals)
        {
            var outcome = await client.ChangeMembershipAsync(change, Token);
            Assert.True(outcome.Status == expected, $"{change}: {outcome.Status} ({outcome.Detail}), expected {expected}");
        }

        var after = await leader.Grains.GetRaftPeer(before.Id).GetStatusAsync(Token);
        Assert.Equal(before.Membership, after.Membership);
        Assert.Equal(before.LastIndex, after.LastIndex);
    }

    [Fact]
    public async Task SecondChange_WhileOneIsPending_IsRefusedAndChangesNothing()
    {
        await using var cluster = await ClusterFixture.StartAsync(3, options: FiveMembersThreeVoters);
        var (leader, status) = await cluster.WaitForLeaderAsync();
        // A leader whose term has committed nothing yet refuses every change as LeaderNotReady: wait for its no-op.
        await cluster.WaitForAppliedAsync(status.LastIndex);
        var peer = leader.Grains.GetRaftPeer(status.Id);
        // Cut the leader off, so its first change is appended but cannot commit while the second arrives.
        cluster.Isolate(leader);
        var first = peer.ChangeMembershipAsync(new MembershipChange(MembershipChangeKind.AddLearner, 4), Token);
        var second = await peer.ChangeMembershipAsync(new MembershipChange(MembershipChangeKind.AddLearner, 5), Token);
        var pending = await peer.GetStatusAsync(Token);
        cluster.Heal();
        await first;

        Assert.Equal(MembershipStatus.ChangePending, second.Status);
        Assert.False(pending.Membership.Contains(5), $"a refused change took effect: {pending.Membership}");
        Assert.Equal(status.LastIndex + 1, pending.LastIndex);
    }

    [Fact]
    public async Task RemoveLastVoter_IsRefused()
    {
        await using var cluster = await ClusterFixture.StartAsync(1);
        var (leader, status) = await cluster.WaitForLeaderAsync();

        var outcome = await leader.Client.ChangeMembershipAsync(new MembershipChange(MembershipChangeKind.Remove, 1), Token);

        Assert.Equal(MembershipStatus.LastVoter, outcome.Status);
        var after = await leader.Grains.GetRaftPeer(1).GetStatusAsync(Token);
        Assert.Equal(Membership.Of([1]), after.Membership);
        Assert.Equal(status.LastIndex, after.LastIndex);
    }

    [Fact]
    public async Task Transfer_MovesTheLeader_RefusesLearnerAndUnknown()
    {
        await using var cluster = await ClusterFixture.StartAsync(3, options: FiveMembersThreeVoters);
        var (_, status) = await cluster.WaitForLeaderAsync();
        await cluster.StartSiloAsync(cluster.SiloHosting(4));
        var client = cluster.Silo(0).Client;
        Assert.True((await client.ChangeMembershipAsync(new MembershipChange(MembershipChangeKind.AddLearner, 4), Token)).IsCommitted);

        Assert.Equal(TransferStatus.NotAVoter, (await client.TransferLeadershipAsync(4, Token)).Status);
        Assert.Equal(TransferStatus.UnknownMember, (await client.TransferLeadershipAsync(5, Token)).Status);
        Assert.Equal(TransferStatus.UnknownMember, (await client.TransferLeadershipAsync(9, Token)).Status);

        var target = new[] { 1, 2, 3 }.First(p => p != status.Id);
        var moved = await client.TransferLeadershipAsync(target, Token);

        Assert.True(moved.IsCompleted, $"{moved.Status}: {moved.Detail}");
        Assert.Equal(target, moved.Leader);
        var (_, now) = await cluster.WaitForLeaderAsync(cluster.RunningSilos.Where(s => s.PeerIds[0] <= 3));
        Assert.Equal(target, now.Id);
        Assert.Equal(OutcomeStatus.Completed, (await client.SubmitAsync(new Operation.Put("after", "transfer"), null, Token)).Status);
    }
}

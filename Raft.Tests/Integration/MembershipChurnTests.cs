using System.Diagnostics;
using Raft.Core.Members;
using Raft.Core.Node;
using Raft.Grains;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;
using Raft.Tests.Nemesis;
using Raft.TestCluster;

namespace Raft.Tests.Integration;

/// <summary>
/// Membership under load on real silos. A group of three grows to five (start the silo, add its peer as a
/// learner, wait until it caught up, promote it) and shrinks back to three, removing the leader's own peer
/// on the way, while Jepsen-style clients write and read on every running silo; their history must be
/// linearizable per key and every acknowledged message dequeued once (the nemesis tests' checker). A
/// graceful stop of the leader's silo hands leadership over before the silo goes; the gap until the next
/// acknowledged write is printed, not asserted.
/// </summary>
[Collection(IntegrationCollection.Name)]
public sealed class MembershipChurnTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Grow3To5_ShrinkBack_RemovingTheLeader_WhileClientsWrite_HistoryLinearizable()
    {
        await using var cluster = await ClusterFixture.StartAsync(3, options: MembershipTests.FiveMembersThreeVoters);
        await cluster.WaitForLeaderAsync();
        Assert.Equal(OutcomeStatus.Completed, (await cluster.Silo(0).Client.SubmitAsync(new Operation.CreateTopic(KvWorkload.Topic), null, Token)).Status);

        var workload = new KvWorkload(clients: 4, keys: 3, seed: 9);
        var turn = 0;
        IKvClient DoorFor(int client)
        {
            var running = cluster.RunningSilos.ToArray();
            return new GrainKvClient(running[(client + Interlocked.Increment(ref turn)) % running.Length].Client);
        }
        // Long enough to cover the changes below (about 10 s here); not cancelled, since a cancelled call is an
        // unknown outcome to the history, and a flood of those only makes the check undecidable.
        var started = Stopwatch.GetTimestamp();
        var load = workload.RunAsync(DoorFor, TimeSpan.FromSeconds(15), Token);

        var steps = new List<string>();
        var admin = cluster.Silo(0).Client;
        async Task ChangeAsync(MembershipChangeKind kind, int peer)
        {
            var outcome = await admin.ChangeMembershipAsync(new MembershipChange(kind, peer), Token);
            Assert.True(outcome.IsCommitted, $"{kind} {peer}: {outcome.Status} ({outcome.Detail}); steps: {string.Join("; ", steps)}");
            steps.Add($"{kind} {peer} at {outcome.Index}");
        }
        foreach (var peer in new[] { 4, 5 })
        {
            await cluster.StartSiloAsync(cluster.SiloHosting(peer));
            await ChangeAsync(MembershipChangeKind.AddLearner, peer);
            await WaitCaughtUpAsync(cluster, peer);
            await ChangeAsync(MembershipChangeKind.Promote, peer);
        }
        var grown = await admin.GetMembersAsync(Token);
        Assert.Equal([1, 2, 3, 4, 5], grown.Voters);

        // Shrink: first the leader's own peer (it steps down once the change commits), then one more.
        var leader = grown.Leader ?? throw new InvalidOperationException("no leader after growing");
        await ChangeAsync(MembershipChangeKind.Remove, leader);
        var second = new[] { 5, 4, 3 }.First(p => p != leader);
        await ChangeAsync(MembershipChangeKind.Remove, second);
        var shrunk = await admin.GetMembersAsync(Token);
        Assert.Equal(3, shrunk.Voters.Count);
        Assert.DoesNotContain(leader, shrunk.Voters);
        Assert.NotEqual(leader, shrunk.Leader);

        var changesTook = Stopwatch.GetElapsedTime(started);
        await load;
        await workload.ReadAllAsync(new GrainKvClient(admin), Token);
        var drained = new List<string>();
        while ((await admin.SubmitAsync(new Operation.GetMessage(KvWorkload.Topic), null, Token)).Result is CommandResult.Message message)
            drained.Add(message.Text);

        var verdict = workload.Verify(drained);
        Assert.True(verdict is null, $"{verdict}\nsteps: {string.Join("; ", steps)}");
        Assert.True(changesTook < TimeSpan.FromSeconds(15), $"the changes took {changesTook.TotalSeconds:F1} s, longer than the load ran: the history does not cover them all");
        Assert.True(workload.Acknowledged > 20, $"only {workload.Acknowledged} writes were acknowledged; steps: {string.Join("; ", steps)}");
        TestContext.Current.TestOutputHelper?.WriteLine($"{workload.History.Count} operations, {workload.Acknowledged} acknowledged writes, {workload.Unknown} unknown, {drained.Count} messages; steps: {string.Join("; ", steps)}");
    }

    [Fact]
    public async Task GracefulStop_OfTheLeadersSilo_HandsLeadershipOverFirst()
    {
        await using var cluster = await ClusterFixture.StartAsync(3);
        var (leaderSilo, leader) = await cluster.WaitForLeaderAsync();
        var writerSilo = cluster.Silos.First(s => s != leaderSilo);
        Assert.Equal(OutcomeStatus.Completed, (await writerSilo.Client.SubmitAsync(new Operation.Put("k", "0"), null, Token)).Status);

        // One writer, one write at a time: each acknowledgement stamped, so the gap is the longest pause.
        var acknowledged = new List<long>();
        using var stopWriting = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var writer = Task.Run(async () =>
        {
            for (var i = 1; !stopWriting.IsCancellationRequested; i++)
            {
                var outcome = await writerSilo.Client.SubmitAsync(new Operation.Put("k", i.ToString(System.Globalization.CultureInfo.InvariantCulture)), null, stopWriting.Token);
                if (outcome.Status == OutcomeStatus.Completed) lock (acknowledged) acknowledged.Add(Stopwatch.GetTimestamp());
            }
        }, Token);
        await Task.Delay(500, Token);

        var stopped = Stopwatch.GetTimestamp();
        await cluster.StopSiloAsync(leaderSilo);
        // No wait: the handoff finished before the silo stopped, so a leader is already there.
        var successor = await cluster.GetLeaderAsync();
        await Task.Delay(500, Token);
        await stopWriting.CancelAsync();
        await writer.ContinueWith(_ => { }, TaskScheduler.Default);

        Assert.NotNull(successor);
        Assert.NotEqual(leader.Id, successor.Value.Status.Id);
        Assert.Equal(leader.Term + 1, successor.Value.Status.Term);
        long[] stamps;
        lock (acknowledged) stamps = [.. acknowledged];
        var before = stamps.Where(t => t < stopped).DefaultIfEmpty(stopped).Max();
        var after = stamps.Where(t => t >= stopped).ToArray();
        Assert.NotEmpty(after);
        var gaps = after.Prepend(before).Zip(after, (a, b) => Stopwatch.GetElapsedTime(a, b).TotalMilliseconds).ToArray();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"graceful stop of the leader's silo: leader {leader.Id} -> {successor.Value.Status.Id} in term {successor.Value.Status.Term}; " +
            $"longest pause between acknowledged writes from the stop on: {gaps.Max():F0} ms; first acknowledgement after the stop began: {Stopwatch.GetElapsedTime(stopped, after[0]).TotalMilliseconds:F0} ms; " +
            $"stop took {Stopwatch.GetElapsedTime(stopped, Stopwatch.GetTimestamp()).TotalMilliseconds:F0} ms in all");
    }

    /// <summary>Waits until the leader's match index for <paramref name="peer"/> reaches its commit index.</summary>
    private static Task WaitCaughtUpAsync(Raft.TestCluster.TestCluster cluster, int peer) =>
        cluster.WaitUntilAsync(async () =>
        {
            var leader = await cluster.GetLeaderAsync();
            return leader is { Status: var status } && status.Followers.Any(f => f.Id == peer && f.Match >= status.Commit);
        }, $"peer {peer} caught up with the leader");
}

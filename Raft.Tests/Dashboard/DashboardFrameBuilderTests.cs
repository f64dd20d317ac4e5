using Raft.Core.Members;
using Raft.Core.Node;
using Raft.Grains.Dashboard;
using Raft.Silo.Dashboard;

namespace Raft.Tests.Dashboard;

public sealed class DashboardFrameBuilderTests
{
    private static readonly DashboardSilo[] UpSilos = [new("s1", "Active"), new("s2", "Active")];

    private static PeerSample Sample(int id, RaftRole role = RaftRole.Follower, long term = 1, long commit = 0, bool reachable = true,
        PeerTraffic[]? sent = null, PeerEvent[]? events = null, bool paused = false, LatencySummary latency = default)
    {
        var status = new PeerStatus
        {
            Id = id, Role = role, Term = term, VotedFor = 0, Leader = role == RaftRole.Leader ? id : 0,
            LastIndex = commit + 1, LastTerm = term, Commit = commit, Applied = commit, Membership = Membership.Of([1, 2], [3]),
        };
        return new PeerSample(id, id == 1 ? "s1" : "s2", new PeerDashboardView(status, paused, 1, [1, 1], sent ?? [], events ?? [], latency), reachable);
    }

    [Fact]
    public void Build_TakesRatesFromCountsOverTheLastSecond()
    {
        var builder = new DashboardFrameBuilder("s1", controls: false, intervalMs: 200);
        builder.Build(0, [Sample(1, RaftRole.Leader, commit: 100, sent: [new(2, 1000)]), Sample(2)], UpSilos);
        builder.Build(500, [Sample(1, RaftRole.Leader, commit: 150, sent: [new(2, 1050)]), Sample(2)], UpSilos);
        var frame = builder.Build(1000, [Sample(1, RaftRole.Leader, commit: 300, sent: [new(2, 1400)]), Sample(2)], UpSilos);
        Assert.Equal(200, frame.CommitsPerSecond);
        Assert.Equal([new DashboardLink(1, 2, 400)], frame.Links);

        // Past the window, the oldest poll drops out: (300-150) over 0.7 s.
        frame = builder.Build(1200, [Sample(1, RaftRole.Leader, commit: 300, sent: [new(2, 1400)]), Sample(2)], UpSilos);
        Assert.Equal(Math.Round(150 / 0.7, 1), frame.CommitsPerSecond);
    }

    [Fact]
    public void Build_CountsARestartedCounterFromZero()
    {
        var builder = new DashboardFrameBuilder("s1", false, 200);
        builder.Build(0, [Sample(1, sent: [new(2, 5000)])], UpSilos);
        var frame = builder.Build(1000, [Sample(1, sent: [new(2, 30)])], UpSilos);
        Assert.Equal(30, Assert.Single(frame.Links).PerSecond);
    }

    [Fact]
    public void Build_NamesTheReachableUnpausedLeaderOfTheHighestTerm()
    {
        var builder = new DashboardFrameBuilder("s1", false, 200);
        var frame = builder.Build(0, [Sample(1, RaftRole.Leader, term: 2), Sample(2, RaftRole.Leader, term: 3, latency: new(4, 1, 2, 3))], UpSilos);
        Assert.Equal(2, frame.Leader);
        Assert.Equal(3, frame.Term);
        Assert.Equal(new DashboardLatency(4, 1, 2, 3), frame.CommitLatency);

        frame = builder.Build(200, [Sample(1, RaftRole.Leader, term: 2), Sample(2, RaftRole.Leader, term: 3, reachable: false)], UpSilos);
        Assert.Equal(1, frame.Leader);
        frame = builder.Build(400, [Sample(1, RaftRole.Leader, term: 2, paused: true)], UpSilos);
        Assert.Null(frame.Leader);
    }

    [Fact]
    public void Build_ShowsEachPeersSiloAndMembership_AndKeepsTheLastKnownValuesOfAnUnreachablePeer()
    {
        var builder = new DashboardFrameBuilder("s1", true, 200);
        var frame = builder.Build(0, [Sample(1, commit: 7, reachable: false), Sample(3), new PeerSample(2, "s2", null, false)],
            [new("s1", "Active"), new("s2", "Dead")]);
        var one = frame.Peers.Single(p => p.Id == 1);
        Assert.False(one.Reachable);
        Assert.Equal(7, one.CommitIndex);
        Assert.True(one.SiloUp);
        Assert.Equal("voter", one.Membership);
        Assert.Equal("learner", frame.Peers.Single(p => p.Id == 3).Membership);
        var two = frame.Peers.Single(p => p.Id == 2);
        Assert.Equal(("Unknown", false), (two.Role, two.SiloUp));
        Assert.True(frame.Controls);
    }

    [Fact]
    public void Build_MergesEachPeersNewEventsOnce_InTimeOrder_AndStartsOverAfterAReactivation()
    {
        var builder = new DashboardFrameBuilder("s1", false, 200);
        PeerEvent E(long seq, long at, PeerEventKind kind) => new(seq, at, kind, 1, 0, 0);
        builder.Build(0, [Sample(1, events: [E(1, 10, PeerEventKind.Candidate)]), Sample(2, events: [E(1, 5, PeerEventKind.Follower)])], UpSilos);
        var frame = builder.Build(200, [Sample(1, events: [E(1, 10, PeerEventKind.Candidate), E(2, 20, PeerEventKind.Leader)])], UpSilos);
        Assert.Equal([(2, 5L), (1, 10L), (1, 20L)], frame.Timeline.Select(e => (e.Peer, e.At)));

        // Peer 1 came back as a new activation: its ring numbers from 1 again.
        frame = builder.Build(400, [Sample(1, events: [E(1, 300, PeerEventKind.Follower)])], UpSilos);
        Assert.Equal(4, frame.Timeline.Count);
        Assert.Equal(("Follower", 300L), (frame.Timeline[^1].Kind, frame.Timeline[^1].At));
    }

    [Fact]
    public void Build_RecordsSiloStatusChanges_ButNotTheFirstSight_AndBoundsTheTimeline()
    {
        var builder = new DashboardFrameBuilder("s1", false, 200);
        builder.Build(0, [], UpSilos);
        var frame = builder.Build(100, [], [new("s1", "Active"), new("s2", "Dead")]);
        var e = Assert.Single(frame.Timeline);
        Assert.Equal((0, "s2", "SiloDead"), (e.Peer, e.Silo, e.Kind));

        var events = Enumerable.Range(1, DashboardFrameBuilder.TimelineCapacity + 10).Select(i => new PeerEvent(i, 1000 + i, PeerEventKind.Follower, i, 0, 0)).ToArray();
        frame = builder.Build(200, [Sample(1, events: events)], UpSilos);
        Assert.Equal(DashboardFrameBuilder.TimelineCapacity, frame.Timeline.Count);
        Assert.Equal(1000 + DashboardFrameBuilder.TimelineCapacity + 10, frame.Timeline[^1].At);
    }
}

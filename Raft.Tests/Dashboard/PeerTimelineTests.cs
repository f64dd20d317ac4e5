using Raft.Grains.Dashboard;

namespace Raft.Tests.Dashboard;

public sealed class PeerTimelineTests
{
    [Fact]
    public void Recent_ReturnsEventsOldestFirst_Numbered()
    {
        var timeline = new PeerTimeline();
        timeline.Record(10, PeerEventKind.Candidate, 2, 0, 5);
        timeline.Record(20, PeerEventKind.Leader, 2, 1, 6);
        var events = timeline.Recent();
        Assert.Equal([1L, 2L], events.Select(e => e.Sequence));
        Assert.Equal(new PeerEvent(2, 20, PeerEventKind.Leader, 2, 1, 6), events[1]);
    }

    [Fact]
    public void Recent_KeepsOnlyTheNewestCapacityEvents()
    {
        var timeline = new PeerTimeline();
        for (var i = 1; i <= PeerTimeline.Capacity + 5; i++) timeline.Record(i, PeerEventKind.Follower, i, 0, 0);
        var events = timeline.Recent();
        Assert.Equal(PeerTimeline.Capacity, events.Length);
        Assert.Equal(6, events[0].Sequence);
        Assert.Equal(PeerTimeline.Capacity + 5, events[^1].Sequence);
        Assert.True(events.Zip(events.Skip(1)).All(p => p.First.Sequence + 1 == p.Second.Sequence));
    }

    [Fact]
    public void Recent_IsEmptyBeforeAnyEvent() => Assert.Empty(new PeerTimeline().Recent());
}

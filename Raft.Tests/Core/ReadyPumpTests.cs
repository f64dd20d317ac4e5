using Raft.Core.Driver;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Core.Snapshots;

namespace Raft.Tests.Core;

/// <summary>
/// The pump works off Readies in order while inputs keep stepping the node: these tests hold a write open
/// by hand and check that ticks and proposals go on meanwhile, that what they produce shares the next
/// write, that nothing is sent before its Ready is durable but a leader's appends, and that a failed write stops the pump for good.
/// </summary>
public sealed class ReadyPumpTests
{
    private sealed class HeldDisk : IReadyPersister
    {
        public List<(Ready Ready, TaskCompletionSource Done)> Writes { get; } = [];

        public Task PersistAsync(Ready ready)
        {
            var done = new TaskCompletionSource();
            Writes.Add((ready, done));
            return done.Task;
        }

        public Task PersistCompactionAsync(Compaction compaction) => throw new InvalidOperationException("these tests take no snapshots");
    }

    private sealed class Outbox : IMessageSender, IEntryApplier
    {
        public List<Message> Sent { get; } = [];

        public List<Entry> Applied { get; } = [];

        public void Send(Message message) => Sent.Add(message);

        public void Apply(Entry entry) => Applied.Add(entry);

        public void Restore(Snapshot snapshot) => throw new InvalidOperationException("these tests install no snapshots");

        public Func<ReadOnlyMemory<byte>> CaptureSnapshot(SnapshotMetadata metadata) => throw new InvalidOperationException("these tests take no snapshots");
    }

    private static (RaftNode Node, ReadyPump Pump, HeldDisk Disk, Outbox Out) SingleLeader()
    {
        var node = new RaftNode(new RaftConfig { Id = 1, Peers = [1], ElectionTicks = 2 });
        var outbox = new Outbox();
        var disk = new HeldDisk();
        var pump = new ReadyPump(new RaftPeerDriver(node, outbox, outbox), disk);
        return (node, pump, disk, outbox);
    }

    [Fact]
    public void ProposalsDuringAWrite_ShareTheNextWrite()
    {
        var (node, pump, disk, _) = SingleLeader();
        while (node.Role != RaftRole.Leader) node.Tick();
        pump.Kick();
        Assert.Single(disk.Writes);

        // The first write (term, no-op) is in flight; three proposals step the node meanwhile.
        for (var i = 0; i < 3; i++)
        {
            Assert.True(node.Propose(new byte[] { (byte)i }).IsAccepted);
            pump.Kick();
        }
        Assert.Single(disk.Writes);
        Assert.True(pump.IsPersisting);

        disk.Writes[0].Done.SetResult();
        Assert.Equal(2, disk.Writes.Count);
        Assert.Equal([2L, 3L, 4L], disk.Writes[1].Ready.Entries.Select(e => e.Index));
    }

    [Fact]
    public void TicksDuringAWrite_StepTheNode()
    {
        var node = new RaftNode(new RaftConfig { Id = 1, Peers = [1, 2, 3], ElectionTicks = 2, PreVote = false });
        var outbox = new Outbox();
        var disk = new HeldDisk();
        var pump = new ReadyPump(new RaftPeerDriver(node, outbox, outbox), disk);
        while (node.Role != RaftRole.Candidate) node.Tick();
        pump.Kick();
        Assert.Single(disk.Writes);
        var term = node.Term;

        // The vote for itself is not yet durable, so no vote request has left; the clock still runs.
        Assert.Empty(outbox.Sent);
        for (var i = 0; i < 10; i++) node.Tick();
        Assert.True(node.Term > term);
        Assert.Empty(outbox.Sent);

        disk.Writes[0].Done.SetResult();
        Assert.All(outbox.Sent, m => Assert.Equal(term, m.Term));
        Assert.Equal(2, disk.Writes.Count);
        Assert.Equal(node.Term, disk.Writes[1].Ready.HardState!.Value.Term);
    }

    [Fact]
    public void ALeadersAppends_LeaveBeforeItsWrite_AndTheFlushRunsFirst()
    {
        var node = new RaftNode(new RaftConfig { Id = 1, Peers = [1, 2, 3], ElectionTicks = 2, PreVote = false });
        var outbox = new Outbox();
        var disk = new HeldDisk();
        var flushesBeforeWrites = new List<int>();
        var pump = new ReadyPump(new RaftPeerDriver(node, outbox, outbox), disk, beforeWrite: () => flushesBeforeWrites.Add(disk.Writes.Count));
        while (node.Role != RaftRole.Candidate) node.Tick();
        pump.Kick();
        disk.Writes[0].Done.SetResult();
        foreach (var voter in new[] { 2, 3 })
            node.Step(new Message { Type = MessageType.VoteResponse, From = voter, To = 1, Term = node.Term });
        pump.Kick();
        Assert.Equal(RaftRole.Leader, node.Role);

        // The no-op's write is held open, yet its appends have gone, flushed before the write began.
        Assert.Equal(2, disk.Writes.Count);
        var appends = outbox.Sent.Where(m => m.Type == MessageType.Append).ToArray();
        Assert.Equal([2, 3], appends.Select(m => m.To).Order());
        Assert.Equal([1], flushesBeforeWrites);
        Assert.True(pump.IsPersisting);
    }

    [Fact]
    public void FailedWrite_StopsThePumpForGood()
    {
        var node = new RaftNode(new RaftConfig { Id = 1, Peers = [1], ElectionTicks = 2 });
        var outbox = new Outbox();
        var disk = new HeldDisk();
        Exception? reported = null;
        var pump = new ReadyPump(new RaftPeerDriver(node, outbox, outbox), disk, onFault: e => reported = e);
        while (node.Role != RaftRole.Leader) node.Tick();
        pump.Kick();
        disk.Writes[0].Done.SetException(new IOException("disk gone"));

        Assert.IsType<IOException>(pump.Fault);
        Assert.Same(pump.Fault, reported);
        Assert.True(pump.Idle.IsCompletedSuccessfully);
        node.Propose(new byte[] { 1 });
        pump.Kick();
        Assert.Single(disk.Writes);
        Assert.Empty(outbox.Applied);
    }
}

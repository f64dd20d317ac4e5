using Raft.Core.Checksums;
using Raft.Core.Log;
using Raft.Core.Members;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Core.Snapshots;

namespace Raft.Tests.Core;

/// <summary>
/// Compaction and InstallSnapshot in the core: the dropped prefix is a named outcome, a follower behind the
/// leader's first index gets the snapshot in verified chunks, a corrupt or out-of-order chunk is refused and
/// changes nothing, and only a complete snapshot reaches a Ready.
/// </summary>
public sealed class SnapshotTests
{
    private static readonly RaftConfig SmallChunks = new() { Id = 1, Peers = [1, 2, 3], SnapshotChunkBytes = 4, MaxInflightSnapshotChunks = 2 };

    /// <summary>A leader that committed and applied entries 1..6, then compacted through 6.</summary>
    private static (NodeHarness Harness, Snapshot Snapshot) CompactedLeader()
    {
        var harness = LeaderHarness.ReadyLeader(config: SmallChunks);
        for (var i = 0; i < 5; i++) harness.Node.Propose(new byte[] { (byte)i });
        harness.Drain();
        LeaderHarness.AckAll(harness, except: 3);
        Assert.Equal(6, harness.Node.AppliedIndex);
        var snapshot = new Snapshot(harness.Node.MetadataAtApplied(), Enumerable.Range(0, 10).Select(i => (byte)i).ToArray());
        harness.Node.Compact(new Compaction(snapshot, DropThrough: 6));
        return (harness, snapshot);
    }

    [Fact]
    public void CompactedPrefix_IsANamedOutcome_AndStatusShowsTheSnapshot()
    {
        var (harness, snapshot) = CompactedLeader();
        var node = harness.Node;
        Assert.Equal(TermLookupStatus.Compacted, node.TermAt(3).Status);
        Assert.True(node.TermAt(6).Is(snapshot.Term));
        Assert.Equal(TermLookupStatus.PastEnd, node.TermAt(99).Status);
        var status = node.Status();
        Assert.Equal((6L, 7L, 0L), (status.SnapshotIndex, status.FirstIndex, status.LogLength));
        Assert.Equal(Membership.Of([1, 2, 3]), snapshot.Metadata.Membership);
    }

    [Fact]
    public void FollowerBehindTheFirstIndex_GetsChunks_WithinTheWindow_AndResumesFromAcknowledgements()
    {
        var (harness, snapshot) = CompactedLeader();
        var node = harness.Node;
        // Peer 3 rejects the leader's probe with an empty log: the entries it needs are compacted away.
        var probe = harness.Sent.Last(m => m is { Type: MessageType.Append, To: 3 });
        harness.Step(new Message { Type = MessageType.AppendResponse, From = 3, To = 1, Term = node.Term, Index = probe.Index, Reject = true, RejectHint = 0 });
        var chunks = harness.Sent.Where(m => m is { Type: MessageType.Snapshot, To: 3 }).Select(m => m.Snapshot!).ToArray();
        Assert.Equal([0L, 4L], chunks.Select(c => c.Offset));
        Assert.All(chunks, c => Assert.True(c.ChecksumMatches));

        harness.Sent.Clear();
        harness.Step(new Message { Type = MessageType.SnapshotResponse, From = 3, To = 1, Term = node.Term, Index = snapshot.Index, RejectHint = 4 });
        var next = harness.Sent.Where(m => m.Type == MessageType.Snapshot).Select(m => m.Snapshot!).ToArray();
        Assert.Equal([8L], next.Select(c => c.Offset));
        Assert.True(next[0].IsLast);

        // A refusal at offset 4 sends from there again.
        harness.Sent.Clear();
        harness.Step(new Message { Type = MessageType.SnapshotResponse, From = 3, To = 1, Term = node.Term, Index = snapshot.Index, RejectHint = 4, Reject = true });
        Assert.Equal(4L, harness.Sent.First(m => m.Type == MessageType.Snapshot).Snapshot!.Offset);

        // The follower installed it: replication resumes after the snapshot.
        harness.Sent.Clear();
        harness.Step(LeaderHarness.Ack(node, 3, snapshot.Index));
        Assert.Equal(snapshot.Index, node.Status().Followers.Single(f => f.Id == 3).Match);
    }

    private static Message Chunk(Snapshot snapshot, long offset, int bytes, long term = 2, bool corrupt = false)
    {
        var chunk = SnapshotChunk.Of(snapshot, offset, bytes);
        if (corrupt) chunk = chunk with { Checksum = chunk.Checksum ^ 1 };
        return new Message { Type = MessageType.Snapshot, From = 1, To = 2, Term = term, Index = snapshot.Index, LogTerm = snapshot.Term, Snapshot = chunk };
    }

    private static Snapshot SnapshotAt(long index, long term, Membership? membership = null) =>
        new(new SnapshotMetadata(index, term, membership ?? Membership.Of([1, 2, 3])), Enumerable.Range(0, 10).Select(i => (byte)(i * 3)).ToArray());

    private static NodeHarness FollowerWithShortLog()
    {
        var harness = new NodeHarness(id: 2, persisted: new PersistedState(new HardState(2, 1, 2), NodeHarness.Log(1, 1, 2)));
        harness.Step(new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 2, Commit = 2 });
        return harness;
    }

    [Fact]
    public void CorruptOrOutOfOrderChunks_AreRefused_AndChangeNothing()
    {
        var harness = FollowerWithShortLog();
        var snapshot = SnapshotAt(20, 2);
        var before = (harness.Node.LastIndex, harness.Node.CommitIndex, harness.Node.SnapshotIndex);

        Assert.Equal(StepOutcome.ChunkRefused, harness.Step(Chunk(snapshot, 0, 4, corrupt: true)));
        Assert.Equal(StepOutcome.ChunkRefused, harness.Step(Chunk(snapshot, 4, 4)));
        Assert.Equal(StepOutcome.Accepted, harness.Step(Chunk(snapshot, 0, 4)));
        Assert.Equal(StepOutcome.ChunkRefused, harness.Step(Chunk(snapshot, 8, 2)));
        var refusal = harness.Sent.Last(m => m.Type == MessageType.SnapshotResponse);
        Assert.True(refusal.Reject);
        Assert.Equal(4, refusal.RejectHint);

        Assert.Equal(before, (harness.Node.LastIndex, harness.Node.CommitIndex, harness.Node.SnapshotIndex));
        Assert.DoesNotContain(harness.Readies, r => r.Snapshot is not null);
    }

    [Fact]
    public void CompleteSnapshot_ReplacesAConflictingLog_AndGoesOutInOneReady()
    {
        var harness = FollowerWithShortLog();
        var snapshot = SnapshotAt(20, 2, Membership.Of([1, 2, 3], [4]));
        harness.Step(Chunk(snapshot, 0, 4));
        harness.Step(Chunk(snapshot, 4, 4));
        harness.Step(Chunk(snapshot, 8, 2));

        var ready = harness.Readies.Single(r => r.Snapshot is not null);
        Assert.Equal(snapshot.Data.ToArray(), ready.Snapshot!.Data.ToArray());
        Assert.True(ready.MustSync);
        Assert.Contains(ready.Messages, m => m is { Type: MessageType.AppendResponse, Index: 20, Reject: false });
        var node = harness.Node;
        Assert.Equal((20L, 20L, 20L, 21L), (node.LastIndex, node.CommitIndex, node.AppliedIndex, node.FirstIndex));
        Assert.True(node.Membership.IsLearner(4));
    }

    [Fact]
    public void SnapshotAtOrBelowCommit_IsAnsweredWithTheCommit_AndNotInstalled()
    {
        var harness = FollowerWithShortLog();
        harness.Step(Chunk(SnapshotAt(2, 1), 0, 10));
        Assert.DoesNotContain(harness.Readies, r => r.Snapshot is not null);
        Assert.Contains(harness.Sent, m => m is { Type: MessageType.AppendResponse, Index: 2 });
    }

    [Fact]
    public void ChunkThatContradictsItself_IsMalformed()
    {
        var harness = FollowerWithShortLog();
        var snapshot = SnapshotAt(20, 2);
        var chunk = SnapshotChunk.Of(snapshot, 0, 4);
        var pastTotal = chunk with { Offset = 8 };
        var wrongIndex = new Message { Type = MessageType.Snapshot, From = 1, To = 2, Term = 2, Index = 19, LogTerm = 2, Snapshot = chunk };
        Assert.Equal(StepOutcome.Malformed, harness.Node.Step(wrongIndex));
        Assert.Equal(StepOutcome.Malformed, harness.Node.Step(wrongIndex with { Index = 20, Snapshot = pastTotal }));
        Assert.Equal(StepOutcome.Malformed, harness.Node.Step(wrongIndex with { Index = 20, Snapshot = null }));
        Assert.Equal(StepOutcome.Malformed, harness.Node.Step(new Message { Type = MessageType.Heartbeat, From = 1, To = 2, Term = 2, Snapshot = chunk }));
        var tooLarge = new RaftConfig { Id = 2, Peers = [1, 2, 3], MaxSnapshotBytes = 5 };
        var bounded = new NodeHarness(id: 2, config: tooLarge);
        Assert.Equal(StepOutcome.Malformed, bounded.Node.Step(wrongIndex with { Index = 20 }));
    }

    [Fact]
    public void Restart_FromASnapshot_StartsTheLogAfterIt_WithItsMembership()
    {
        var snapshot = SnapshotAt(10, 3, Membership.Of([1, 2, 5]));
        var tail = new[] { new Entry(3, 11, EntryType.Normal, new byte[] { 1 }) };
        var node = new RaftNode(new RaftConfig { Id = 2, Peers = [1, 2, 3] },
            new PersistedState(new HardState(3, 0, 4), tail, 10, 3) { Snapshot = snapshot }, applied: 10);
        Assert.Equal((11L, 11L, 10L, 10L), (node.FirstIndex, node.LastIndex, node.CommitIndex, node.AppliedIndex));
        Assert.Equal(Membership.Of([1, 2, 5]), node.Membership);
        Assert.Equal(TermLookupStatus.Compacted, node.TermAt(9).Status);
    }

    [Fact]
    public void Restart_WithASnapshotThatDoesNotEndWhereTheLogStarts_IsRefused()
    {
        var snapshot = SnapshotAt(10, 3);
        Assert.Throws<RaftInvariantException>(() => new RaftNode(new RaftConfig { Id = 2, Peers = [1, 2, 3] },
            new PersistedState(new HardState(3, 0, 10), [], 9, 3) { Snapshot = snapshot }));
        Assert.Throws<RaftInvariantException>(() => new RaftNode(new RaftConfig { Id = 2, Peers = [1, 2, 3] },
            new PersistedState(new HardState(3, 0, 10), [], 10, 3)));
    }

    [Fact]
    public void SnapshotChunk_ChecksumCoversItsBytes()
    {
        var chunk = SnapshotChunk.Of(SnapshotAt(5, 1), 2, 4);
        Assert.Equal(Crc32C.Compute(chunk.Data.Span), chunk.Checksum);
        Assert.False((chunk with { Data = new byte[] { 9, 9, 9, 9 } }).ChecksumMatches);
    }
}

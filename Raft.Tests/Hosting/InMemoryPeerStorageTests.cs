using System.Text;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Silo.Hosting;

namespace Raft.Tests.Hosting;

/// <summary>
/// Proves the in-memory storage (<c>--storage memory</c>, the gated test disk) keeps the snapshot rules of
/// the database storages: a snapshot matching the log keeps the entries after it, a conflicting one discards
/// the log; compaction drops only what the snapshot covers and a load starts after the snapshot; an older
/// snapshot and a compaction past the snapshot are refused.
/// </summary>
public sealed class InMemoryPeerStorageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Entry E(long index, long term) => new(term, index, EntryType.Normal, new[] { (byte)index });

    private static async Task<InMemoryPeerStorage> WithEntriesAsync(long count, long term = 1)
    {
        var storage = new InMemoryPeerStorage();
        await storage.SaveAsync(new HardState(term, 1, 0), Enumerable.Range(1, (int)count).Select(i => E(i, term)).ToArray(), sync: true, Ct);
        return storage;
    }

    [Fact]
    public async Task SnapshotThenCompact_DropsThePrefix_LoadStartsAfterTheSnapshot()
    {
        var storage = await WithEntriesAsync(10);
        await storage.SaveSnapshotAsync(6, 1, "state@6"u8.ToArray(), Ct);
        await storage.CompactAsync(4, Ct);

        var state = await storage.LoadAsync(Ct);
        Assert.Equal((6L, 1L), (state.CompactedIndex, state.CompactedTerm));
        Assert.Equal([7L, 8L, 9L, 10L], state.Entries.Select(e => e.Index));
        Assert.Equal("state@6", Encoding.UTF8.GetString((await storage.LoadSnapshotAsync(Ct))!.Data.Span));
        await storage.SaveAsync(null, [E(11, 1)], sync: true, Ct);
        Assert.Equal(11, (await storage.LoadAsync(Ct)).Entries[^1].Index);
    }

    [Fact]
    public async Task ConflictingSnapshot_DiscardsTheLog_AndTheLogGoesOnAfterIt()
    {
        var storage = await WithEntriesAsync(4);
        await storage.SaveSnapshotAsync(6, 2, "leader@6"u8.ToArray(), Ct);

        var state = await storage.LoadAsync(Ct);
        Assert.Equal((6L, 2L), (state.CompactedIndex, state.CompactedTerm));
        Assert.Empty(state.Entries);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await storage.SaveAsync(null, [E(8, 2)], sync: true, Ct));
        await storage.SaveAsync(null, [E(7, 2)], sync: true, Ct);
        Assert.Equal([7L], (await storage.LoadAsync(Ct)).Entries.Select(e => e.Index));
    }

    [Fact]
    public async Task OlderSnapshot_AndCompactionPastTheSnapshot_AreRefused()
    {
        var storage = await WithEntriesAsync(5);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await storage.CompactAsync(1, Ct));
        await storage.SaveSnapshotAsync(3, 1, "s3"u8.ToArray(), Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await storage.SaveSnapshotAsync(2, 1, "s2"u8.ToArray(), Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await storage.CompactAsync(4, Ct));
        Assert.Equal([4L, 5L], (await storage.LoadAsync(Ct)).Entries.Select(e => e.Index));
    }
}

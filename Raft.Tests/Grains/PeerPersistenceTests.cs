using Microsoft.Data.Sqlite;
using Orleans.Storage;
using Raft.Core.Members;
using Raft.Core.Messages;
using Raft.Core.Node;
using Raft.Core.Snapshots;
using Raft.Grains.Persistence;
using Raft.Silo.Hosting;
using Raft.Silo.Storage;

namespace Raft.Tests.Grains;

/// <summary>
/// The peer's two stores kept consistent: a Ready's entries go to the log before its hard state, so a crash
/// between the two writes restarts the peer safely in the log's term without a vote; a commit index alone is
/// written lazily; and a second activation of a peer fences the first out of both stores, so two activations
/// can never both vote or append. Snapshots: a leader's snapshot in a Ready is stored before the Ready's
/// entries (which continue from it, so the other order is refused for leaving a gap) and replaces a log that
/// conflicts with it; the peer's own compaction stores its snapshot and drops the prefix; an activation loads
/// the snapshot with its membership and only the entries after it, and a stale activation cannot store one.
/// The log is real SQLite storage, the hard state an ETag-checked row.
/// </summary>
public sealed class PeerPersistenceTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "raft-persistence-tests", Guid.NewGuid().ToString("N"));
    private readonly List<SqliteStorageProvider> _providers = [];
    private readonly EtagHardStateRow _row = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers) await provider.DisposeAsync();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A new activation: its own view of the hard-state row and its own connection to the log file, as another silo or process would have.</summary>
    private async Task<PeerPersistence> ActivationAsync(TimeSpan? commitFlushInterval = null)
    {
        var provider = new SqliteStorageProvider(_folder);
        await provider.OpenAsync(Ct);
        _providers.Add(provider);
        return new PeerPersistence(_row.View(), provider.ForPeer(ProviderPeerStorageFactory.GroupName, 1), TimeProvider.System, commitFlushInterval ?? TimeSpan.FromHours(1));
    }

    private static Ready ReadyOf(HardState? hardState, params Entry[] entries) => new()
    {
        HardState = hardState,
        Entries = entries,
        Messages = [],
        CommittedEntries = [],
        MustSync = entries.Length > 0 || hardState is not null,
    };

    private static readonly Membership Members = Membership.Of([1, 2, 3]);

    private static Snapshot SnapshotAt(long index, long term, string data) =>
        new(new SnapshotMetadata(index, term, Members), System.Text.Encoding.UTF8.GetBytes(data));

    private static Entry E(long index, long term) => new(term, index, EntryType.Normal, new byte[] { (byte)index });

    private async Task<(long First, long Last)> StoredRowRangeAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, SqliteStorageProvider.DefaultFileName)};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(log_index), MAX(log_index) FROM raft_log";
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    [Fact]
    public async Task Activation_WritesANewEpoch_AndLoadsTheLogWithTheStoredHardState()
    {
        var first = await ActivationAsync();
        await first.ActivateAsync(Ct);
        await first.PersistAsync(ReadyOf(new HardState(2, 1, 0), E(1, 2)));

        var second = await ActivationAsync();
        var state = await second.ActivateAsync(Ct);

        Assert.Equal(2, _row.Stored.Epoch);
        Assert.Equal(new HardState(2, 1, 0), state.HardState);
        Assert.Equal([1L], state.Entries.Select(e => e.Index));
    }

    [Fact]
    public async Task CrashBetweenTheStores_KeepsTheEntries_AndTheRestartResumesInTheirTermWithoutAVote()
    {
        var before = await ActivationAsync();
        await before.ActivateAsync(Ct);
        await before.PersistAsync(ReadyOf(new HardState(1, 2, 0), E(1, 1)));

        // A new term's entries and vote: the entries land, then the process dies before the hard state.
        _row.FailNextWrite = true;
        await Assert.ThrowsAsync<IOException>(() => before.PersistAsync(ReadyOf(new HardState(3, 3, 0), E(2, 3))));

        var after = await ActivationAsync();
        var state = await after.ActivateAsync(Ct);
        Assert.Equal(new HardState(1, 2, 0), state.HardState);
        Assert.Equal([1L, 3L], state.Entries.Select(e => e.Term));
        var node = new RaftNode(new RaftConfig { Id = 1, Peers = [1, 2, 3] }, state);
        Assert.Equal(3, node.Term);
        Assert.Equal(0, node.VotedFor);
    }

    [Fact]
    public async Task CommitOnlyChange_IsHeldBack_UntilTheFlushInterval_OrDeactivation()
    {
        var persistence = await ActivationAsync(commitFlushInterval: TimeSpan.FromHours(1));
        await persistence.ActivateAsync(Ct);
        await persistence.PersistAsync(ReadyOf(new HardState(1, 1, 0), E(1, 1)));
        var writes = _row.Writes;

        await persistence.PersistAsync(ReadyOf(new HardState(1, 1, 1)));
        Assert.Equal(writes, _row.Writes);
        Assert.Equal(0, _row.Stored.Commit);

        await persistence.FlushAsync();
        Assert.Equal(1, _row.Stored.Commit);
    }

    [Fact]
    public async Task SecondActivation_FencesTheFirst_OutOfTheLogAndTheHardState()
    {
        var first = await ActivationAsync();
        await first.ActivateAsync(Ct);
        await first.PersistAsync(ReadyOf(new HardState(1, 1, 0), E(1, 1)));

        var second = await ActivationAsync();
        await second.ActivateAsync(Ct);

        // The stale activation can neither append nor vote; the new one can.
        await Assert.ThrowsAsync<InconsistentStateException>(() => first.PersistAsync(ReadyOf(null, E(2, 1))));
        await Assert.ThrowsAsync<InconsistentStateException>(() => first.PersistAsync(ReadyOf(new HardState(2, 2, 0))));
        await second.PersistAsync(ReadyOf(new HardState(2, 3, 0), E(2, 2)));
        Assert.Equal(3, _row.Stored.VotedFor);
    }

    [Fact]
    public async Task ActivationsRacing_FromTheSameRead_OnlyOneTakesThePeer()
    {
        // Both read the row before either writes its epoch, as two silos activating at once would.
        var first = await ActivationAsync();
        var second = await ActivationAsync();

        await first.ActivateAsync(Ct);
        await Assert.ThrowsAsync<InconsistentStateException>(() => second.ActivateAsync(Ct));
        await first.PersistAsync(ReadyOf(new HardState(1, 1, 0), E(1, 1)));
    }

    [Fact]
    public async Task ReadyWithASnapshot_StoresItBeforeItsEntries_AndDiscardsTheConflictingLog()
    {
        var persistence = await ActivationAsync();
        await persistence.ActivateAsync(Ct);
        await persistence.PersistAsync(ReadyOf(new HardState(1, 1, 0), E(1, 1), E(2, 1), E(3, 1)));

        // The leader's snapshot through 5 in term 2 and the entries after it, in one Ready: entry 6 continues
        // from the snapshot, so storing the entries first would leave a gap after 3 and be refused.
        await persistence.PersistAsync(new Ready
        {
            Snapshot = SnapshotAt(5, 2, "leader@5"),
            HardState = new HardState(2, 0, 5),
            Entries = [E(6, 2), E(7, 2)],
            Messages = [],
            CommittedEntries = [],
            MustSync = true,
        });

        var state = await (await ActivationAsync()).ActivateAsync(Ct);
        Assert.Equal((5L, 2L), (state.CompactedIndex, state.CompactedTerm));
        Assert.Equal([6L, 7L], state.Entries.Select(e => e.Index));
        Assert.Equal(new SnapshotMetadata(5, 2, Members), state.Snapshot!.Metadata);
        Assert.Equal("leader@5", System.Text.Encoding.UTF8.GetString(state.Snapshot.Data.Span));
    }

    [Fact]
    public async Task Compaction_StoresTheSnapshot_DropsThePrefix_AndTheNextActivationStartsFromIt()
    {
        var persistence = await ActivationAsync();
        await persistence.ActivateAsync(Ct);
        await persistence.PersistAsync(ReadyOf(new HardState(1, 1, 10), Enumerable.Range(1, 10).Select(i => E(i, 1)).ToArray()));

        await persistence.PersistCompactionAsync(new Compaction(SnapshotAt(8, 1, "own@8"), DropThrough: 5));

        var state = await (await ActivationAsync()).ActivateAsync(Ct);
        Assert.Equal([9L, 10L], state.Entries.Select(e => e.Index));
        Assert.Equal(8, state.Snapshot!.Index);
        Assert.Equal("own@8", System.Text.Encoding.UTF8.GetString(state.Snapshot.Data.Span));
        // Rows 6..8 stay on disk (the trailing entries for followers a little behind); 1..5 are gone.
        Assert.Equal((6L, 10L), await StoredRowRangeAsync());

        // What the grain builds from it: the node starts at the snapshot, applied there, the tail to apply.
        var node = new RaftNode(new RaftConfig { Id = 1, Peers = [1, 2, 3] }, state, applied: state.Snapshot.Index);
        Assert.Equal((8L, 9L, 8L, 10L), (node.SnapshotIndex, node.FirstIndex, node.AppliedIndex, node.CommitIndex));
        Assert.Equal(Members, node.Membership);
    }

    [Fact]
    public async Task StaleActivation_CannotStoreASnapshotOrCompact()
    {
        var first = await ActivationAsync();
        await first.ActivateAsync(Ct);
        await first.PersistAsync(ReadyOf(new HardState(1, 1, 2), E(1, 1), E(2, 1)));

        var second = await ActivationAsync();
        await second.ActivateAsync(Ct);

        await Assert.ThrowsAsync<InconsistentStateException>(() => first.PersistCompactionAsync(new Compaction(SnapshotAt(2, 1, "stale"), 1)));
        await Assert.ThrowsAsync<InconsistentStateException>(() => first.PersistAsync(new Ready
        {
            Snapshot = SnapshotAt(2, 1, "stale"),
            HardState = null,
            Entries = [],
            Messages = [],
            CommittedEntries = [],
            MustSync = true,
        }));
        Assert.Null((await (await ActivationAsync()).ActivateAsync(Ct)).Snapshot);
    }
}

using System.Data.Common;
using System.Text;
using Orleans.Storage;
using Raft.Core.Messages;
using Raft.Grains.Persistence;
using Raft.Silo.Storage;

namespace Raft.Tests.Storage;

/// <summary>
/// Proves the contract every peer storage keeps, run once per database by the derived classes: what is saved
/// is what loads, across restarts; a conflicting append truncates the suffix; a save is one transaction;
/// snapshots and compaction keep the log consistent with Raft §7; peers sharing a database stay apart; and
/// corruption written behind the storage's back with raw SQL (flipped bytes, a missing row) makes
/// LoadAsync throw StorageCorruptionException naming the peer, the record and where it lives.
/// </summary>
public abstract class PeerStorageContractTests : IAsyncLifetime
{
    private const string Group = "kv";

    private IStorageProvider? _provider;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected IStorageProvider Provider => _provider ?? throw new InvalidOperationException("not initialized");

    /// <summary>A new, unopened provider over this test's database (same one on every call).</summary>
    protected abstract IStorageProvider CreateProvider();

    /// <summary>A raw connection to this test's database, for writing corruption behind the storage's back.</summary>
    protected abstract ValueTask<DbConnection> OpenRawConnectionAsync();

    /// <summary>SQL creating a trigger that fails any insert into raft_log of the given index.</summary>
    protected abstract string FailingInsertTriggerSql(long index);

    /// <summary>What a corruption message must contain to say where the record lives (file path or table).</summary>
    protected abstract string ExpectedLocation { get; }

    /// <summary>Which embedded scripts the provider applies (<see cref="SchemaScripts"/>).</summary>
    protected abstract string SchemaDialect { get; }

    protected virtual ValueTask CreateDatabaseAsync() => ValueTask.CompletedTask;

    protected virtual ValueTask DropDatabaseAsync() => ValueTask.CompletedTask;

    public async ValueTask InitializeAsync()
    {
        await CreateDatabaseAsync();
        _provider = CreateProvider();
        await _provider.OpenAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null) await _provider.DisposeAsync();
        await DropDatabaseAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Load_EmptyStore_ReturnsEmptyState()
    {
        var state = await Peer(1).LoadAsync(Ct);
        Assert.Equal(HardState.Empty, state.HardState);
        Assert.Empty(state.Entries);
        Assert.Equal(0, state.CompactedIndex);
        Assert.Equal(0, state.CompactedTerm);
    }

    [Fact]
    public async Task SaveHardState_Load_ReturnsLatest()
    {
        var peer = Peer(1);
        await peer.SaveAsync(new HardState(3, 2, 0), [], sync: true, Ct);
        await peer.SaveAsync(new HardState(4, 1, 0), [], sync: true, Ct);
        Assert.Equal(new HardState(4, 1, 0), (await peer.LoadAsync(Ct)).HardState);
    }

    [Fact]
    public async Task AppendBatches_Load_ReturnsEveryEntryInOrder()
    {
        var peer = Peer(1);
        await peer.SaveAsync(null, [NoOp(1, 1), E(2, 1, "a"), E(3, 1, "b")], sync: true, Ct);
        await peer.SaveAsync(null, [E(4, 2, "c"), E(5, 2, "d")], sync: true, Ct);
        var state = await peer.LoadAsync(Ct);
        AssertEntries(["1/1:noop", "1/2:a", "1/3:b", "2/4:c", "2/5:d"], state.Entries);
        Assert.Equal(EntryType.NoOp, state.Entries[0].Type);
    }

    [Fact]
    public async Task ConflictingAppend_TruncatesSuffix()
    {
        var peer = Peer(1);
        await peer.SaveAsync(null, [E(1, 1, "a"), E(2, 1, "b"), E(3, 1, "c"), E(4, 1, "d"), E(5, 1, "e")], sync: true, Ct);
        await peer.SaveAsync(null, [E(3, 2, "x"), E(4, 2, "y")], sync: true, Ct);
        AssertEntries(["1/1:a", "1/2:b", "2/3:x", "2/4:y"], (await peer.LoadAsync(Ct)).Entries);
        // The storage knows where the log ends now: appending right after the new end works.
        await peer.SaveAsync(null, [E(5, 2, "z")], sync: true, Ct);
        AssertEntries(["1/1:a", "1/2:b", "2/3:x", "2/4:y", "2/5:z"], (await peer.LoadAsync(Ct)).Entries);
    }

    [Fact]
    public async Task SaveFailingMidBatch_RollsBackHardStateAndEntriesTogether()
    {
        var peer = Peer(1);
        await peer.SaveAsync(new HardState(1, 1, 0), [E(1, 1, "a"), E(2, 1, "b")], sync: true, Ct);
        await ExecuteRawAsync(FailingInsertTriggerSql(3));

        await Assert.ThrowsAnyAsync<DbException>(async () =>
            await peer.SaveAsync(new HardState(2, 2, 1), [E(2, 2, "x"), E(3, 2, "y")], sync: true, Ct));

        var state = await peer.LoadAsync(Ct);
        Assert.Equal(new HardState(1, 1, 0), state.HardState);
        AssertEntries(["1/1:a", "1/2:b"], state.Entries);
    }

    [Fact]
    public async Task UnsyncedSave_IsStoredLikeASyncedOne()
    {
        var peer = Peer(1);
        await peer.SaveAsync(new HardState(1, 1, 0), [E(1, 1, "a")], sync: false, Ct);
        await peer.SaveAsync(new HardState(1, 1, 1), [E(2, 1, "b")], sync: true, Ct);
        var state = await peer.LoadAsync(Ct);
        Assert.Equal(new HardState(1, 1, 1), state.HardState);
        AssertEntries(["1/1:a", "1/2:b"], state.Entries);
    }

    [Fact]
    public async Task SnapshotThenCompact_DropsPrefix_LoadStartsAfterSnapshot()
    {
        var peer = Peer(1);
        await peer.SaveAsync(null, Enumerable.Range(1, 10).Select(i => E(i, 1, $"e{i}")).ToArray(), sync: true, Ct);
        await peer.SaveSnapshotAsync(6, 1, Bytes("state@6"), Ct);
        await peer.CompactAsync(6, Ct);

        var state = await peer.LoadAsync(Ct);
        Assert.Equal(6, state.CompactedIndex);
        Assert.Equal(1, state.CompactedTerm);
        AssertEntries(["1/7:e7", "1/8:e8", "1/9:e9", "1/10:e10"], state.Entries);
        Assert.Equal(4L, await ScalarAsync("SELECT COUNT(*) FROM raft_log"));
    }

    [Fact]
    public async Task Compact_PastTheSnapshot_IsRefused()
    {
        var peer = Peer(1);
        await peer.SaveAsync(null, [E(1, 1, "a"), E(2, 1, "b"), E(3, 1, "c")], sync: true, Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await peer.CompactAsync(2, Ct));
        await peer.SaveSnapshotAsync(1, 1, Bytes("s"), Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await peer.CompactAsync(2, Ct));
        Assert.Equal(3L, await ScalarAsync("SELECT COUNT(*) FROM raft_log"));
        var state = await peer.LoadAsync(Ct);
        Assert.Equal(1, state.CompactedIndex);
        AssertEntries(["1/2:b", "1/3:c"], state.Entries);
    }

    [Fact]
    public async Task Snapshot_SaveLoad_RoundTrips_AndAnOlderOneIsRefused()
    {
        var peer = Peer(1);
        Assert.Null(await peer.LoadSnapshotAsync(Ct));
        await peer.SaveAsync(null, [E(1, 1, "a"), E(2, 2, "b"), E(3, 2, "c")], sync: true, Ct);
        await peer.SaveSnapshotAsync(2, 2, Bytes("state@2"), Ct);
        await peer.SaveSnapshotAsync(3, 2, Bytes("state@3"), Ct);

        var snapshot = await peer.LoadSnapshotAsync(Ct);
        Assert.NotNull(snapshot);
        Assert.Equal((3L, 2L, "state@3"), (snapshot.LastIndex, snapshot.LastTerm, Text(snapshot.Data)));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await peer.SaveSnapshotAsync(2, 2, Bytes("old"), Ct));
    }

    [Fact]
    public async Task Snapshot_MatchingTheLog_KeepsTheEntriesAfterIt()
    {
        var peer = Peer(1);
        await peer.SaveAsync(null, [E(1, 1, "a"), E(2, 1, "b"), E(3, 1, "c"), E(4, 1, "d")], sync: true, Ct);
        await peer.SaveSnapshotAsync(2, 1, Bytes("state@2"), Ct);
        var state = await peer.LoadAsync(Ct);
        Assert.Equal((2L, 1L), (state.CompactedIndex, state.CompactedTerm));
        AssertEntries(["1/3:c", "1/4:d"], state.Entries);
        await peer.SaveAsync(null, [E(5, 1, "e")], sync: true, Ct);
        AssertEntries(["1/3:c", "1/4:d", "1/5:e"], (await peer.LoadAsync(Ct)).Entries);
    }

    [Fact]
    public async Task Snapshot_ConflictingWithTheLog_DiscardsTheLog()
    {
        var peer = Peer(1);
        await peer.SaveAsync(null, [E(1, 1, "a"), E(2, 1, "b"), E(3, 1, "c"), E(4, 1, "d")], sync: true, Ct);
        await peer.SaveSnapshotAsync(3, 2, Bytes("leader's state@3"), Ct);
        var state = await peer.LoadAsync(Ct);
        Assert.Equal((3L, 2L), (state.CompactedIndex, state.CompactedTerm));
        Assert.Empty(state.Entries);
        await peer.SaveAsync(null, [E(4, 2, "x")], sync: true, Ct);
        AssertEntries(["2/4:x"], (await peer.LoadAsync(Ct)).Entries);
    }

    [Fact]
    public async Task Restart_KeepsHardStateEntriesAndSnapshot()
    {
        var peer = Peer(1);
        await peer.SaveAsync(new HardState(5, 3, 4), [E(1, 1, "a"), E(2, 1, "b"), E(3, 5, "c"), E(4, 5, "d")], sync: true, Ct);
        await peer.SaveSnapshotAsync(2, 1, Bytes("state@2"), Ct);
        await peer.CompactAsync(1, Ct);

        await RestartAsync();

        var state = await Peer(1).LoadAsync(Ct);
        Assert.Equal(new HardState(5, 3, 4), state.HardState);
        Assert.Equal((2L, 1L), (state.CompactedIndex, state.CompactedTerm));
        AssertEntries(["5/3:c", "5/4:d"], state.Entries);
        Assert.Equal("state@2", Text((await Peer(1).LoadSnapshotAsync(Ct))!.Data));
        await Peer(1).SaveAsync(null, [E(5, 5, "e")], sync: true, Ct);
        Assert.Equal(3, (await Peer(1).LoadAsync(Ct)).Entries.Count);
    }

    [Fact]
    public async Task SeveralPeers_InOneDatabase_StayApart()
    {
        var one = Peer(1);
        var two = Peer(2);
        var otherGroup = Provider.ForPeer("queue", 1);
        Assert.Same(one, Peer(1));
        await one.SaveAsync(new HardState(1, 1, 0), [E(1, 1, "one-a"), E(2, 1, "one-b")], sync: true, Ct);
        await two.SaveAsync(new HardState(2, 2, 0), [E(1, 1, "two-a")], sync: true, Ct);
        await otherGroup.SaveAsync(new HardState(7, 0, 0), [E(1, 7, "q")], sync: true, Ct);
        await two.SaveAsync(null, [E(1, 2, "two-x")], sync: true, Ct); // truncates peer 2 only
        await two.SaveSnapshotAsync(1, 2, Bytes("two@1"), Ct);
        await two.CompactAsync(1, Ct);

        var first = await one.LoadAsync(Ct);
        Assert.Equal(new HardState(1, 1, 0), first.HardState);
        AssertEntries(["1/1:one-a", "1/2:one-b"], first.Entries);
        var second = await two.LoadAsync(Ct);
        Assert.Equal(new HardState(2, 2, 0), second.HardState);
        Assert.Equal(1, second.CompactedIndex);
        Assert.Empty(second.Entries);
        AssertEntries(["7/1:q"], (await otherGroup.LoadAsync(Ct)).Entries);
        Assert.Null(await one.LoadSnapshotAsync(Ct));
    }

    [Fact]
    public async Task PeersSavingConcurrently_EachLoadsExactlyItsOwnLog()
    {
        // Peers are separate grains, so their saves overlap; the provider must keep them apart and whole.
        var peers = Enumerable.Range(1, 4).Select(Peer).ToArray();
        await Task.WhenAll(peers.Select((peer, p) => Task.Run(async () =>
        {
            for (var batch = 0; batch < 20; batch++)
            {
                var first = (batch * 3) + 1;
                await peer.SaveAsync(new HardState(p + 1, p + 1, first - 1),
                    [E(first, 1, $"{p}:{first}"), E(first + 1, 1, $"{p}:{first + 1}"), E(first + 2, 1, $"{p}:{first + 2}")], sync: true, Ct);
            }
        }, Ct)));

        for (var p = 0; p < peers.Length; p++)
        {
            var state = await peers[p].LoadAsync(Ct);
            Assert.Equal(new HardState(p + 1, p + 1, 57), state.HardState);
            Assert.Equal(Enumerable.Range(1, 60).Select(i => $"1/{i}:{p}:{i}"), state.Entries.Select(e => $"{e.Term}/{e.Index}:{Text(e.Data)}"));
        }
    }

    [Fact]
    public async Task FlippedByteInAnEntry_LoadThrows_NamingPeerIndexAndLocation()
    {
        var peer = Peer(1);
        await peer.SaveAsync(new HardState(1, 1, 0), [E(1, 1, "a"), E(2, 1, "bb"), E(3, 1, "c")], sync: true, Ct);
        var data = (byte[])(await ScalarAsync("SELECT data FROM raft_log WHERE peer_key = 'kv/1' AND log_index = 2"))!;
        data[1] ^= 0x20;
        await ExecuteRawAsync("UPDATE raft_log SET data = @data WHERE peer_key = 'kv/1' AND log_index = 2", ("@data", data));

        var ex = await Assert.ThrowsAsync<StorageCorruptionException>(async () => await peer.LoadAsync(Ct));
        Assert.Equal("kv/1", ex.Peer);
        Assert.Equal("index 2", ex.Record);
        Assert.Contains("kv/1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("index 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ExpectedLocation, ex.Message, StringComparison.Ordinal);
        Assert.Contains("checksum", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntryIndexRewritten_LoadThrows()
    {
        // Moving a row to another index keeps the log contiguous but breaks its checksum, which covers the index.
        var peer = Peer(1);
        await peer.SaveAsync(null, [E(1, 1, "a"), E(2, 1, "b"), E(3, 1, "c")], sync: true, Ct);
        await ExecuteRawAsync("DELETE FROM raft_log WHERE peer_key = 'kv/1' AND log_index = 3");
        await ExecuteRawAsync("UPDATE raft_log SET log_index = 3 WHERE peer_key = 'kv/1' AND log_index = 2");
        await ExecuteRawAsync("UPDATE raft_log SET log_index = 2 WHERE peer_key = 'kv/1' AND log_index = 1");
        await ExecuteRawAsync("INSERT INTO raft_log (peer_key, log_index, term, type, data, checksum) " +
            "SELECT peer_key, 1, term, type, data, checksum FROM raft_log WHERE peer_key = 'kv/1' AND log_index = 2");

        var ex = await Assert.ThrowsAsync<StorageCorruptionException>(async () => await peer.LoadAsync(Ct));
        Assert.Equal("index 2", ex.Record);
    }

    [Fact]
    public async Task FlippedBitInTheHardState_LoadThrows_NamingHardState()
    {
        var peer = Peer(1);
        await peer.SaveAsync(new HardState(6, 2, 0), [E(1, 6, "a")], sync: true, Ct);
        await ExecuteRawAsync("UPDATE raft_hard_state SET term = @term WHERE peer_key = 'kv/1'", ("@term", 6L ^ 0x10));

        var ex = await Assert.ThrowsAsync<StorageCorruptionException>(async () => await peer.LoadAsync(Ct));
        Assert.Equal("hard state", ex.Record);
        Assert.Contains("kv/1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("hard state", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ExpectedLocation, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FlippedByteInTheSnapshot_LoadAndLoadSnapshotThrow()
    {
        var peer = Peer(1);
        await peer.SaveAsync(null, [E(1, 1, "a"), E(2, 1, "b")], sync: true, Ct);
        await peer.SaveSnapshotAsync(1, 1, Bytes("state@1"), Ct);
        await ExecuteRawAsync("UPDATE raft_snapshot SET data = @data WHERE peer_key = 'kv/1'", ("@data", Bytes("statE@1")));

        var ex = await Assert.ThrowsAsync<StorageCorruptionException>(async () => await peer.LoadAsync(Ct));
        Assert.Equal("snapshot", ex.Record);
        await Assert.ThrowsAsync<StorageCorruptionException>(async () => await peer.LoadSnapshotAsync(Ct));
    }

    [Fact]
    public async Task MissingRowInTheMiddle_LoadThrows_NamingTheGap()
    {
        var peer = Peer(1);
        await peer.SaveAsync(null, [E(1, 1, "a"), E(2, 1, "b"), E(3, 1, "c"), E(4, 1, "d")], sync: true, Ct);
        await ExecuteRawAsync("DELETE FROM raft_log WHERE peer_key = 'kv/1' AND log_index = 2");

        var ex = await Assert.ThrowsAsync<StorageCorruptionException>(async () => await peer.LoadAsync(Ct));
        Assert.Equal("index 3", ex.Record);
        Assert.Contains("gap", ex.Message, StringComparison.Ordinal);
        Assert.Contains(ExpectedLocation, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFirstRowWithoutSnapshot_LoadThrows()
    {
        var peer = Peer(1);
        await peer.SaveAsync(null, [E(1, 1, "a"), E(2, 1, "b")], sync: true, Ct);
        await ExecuteRawAsync("DELETE FROM raft_log WHERE peer_key = 'kv/1' AND log_index = 1");

        var ex = await Assert.ThrowsAsync<StorageCorruptionException>(async () => await peer.LoadAsync(Ct));
        Assert.Equal("index 2", ex.Record);
    }

    [Fact]
    public async Task BadInput_FailsWithTypedErrors_AndStoresNothing()
    {
        var peer = Peer(1);
        await Assert.ThrowsAsync<ArgumentException>(async () => await peer.SaveAsync(null, [E(1, 1, "a"), E(3, 1, "c")], sync: true, Ct));
        await Assert.ThrowsAsync<ArgumentException>(async () => await peer.SaveAsync(null, [E(2, 1, "gap")], sync: true, Ct));
        await Assert.ThrowsAsync<ArgumentException>(async () => await peer.SaveAsync(null, [E(1, 2, "a"), E(2, 1, "b")], sync: true, Ct));
        await Assert.ThrowsAsync<ArgumentException>(async () => await peer.SaveAsync(null, [E(0, 1, "a")], sync: true, Ct));
        await Assert.ThrowsAsync<ArgumentException>(async () => await peer.SaveAsync(new HardState(-1, 0, 0), [], sync: true, Ct));
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await peer.SaveAsync(null, [new Entry(1, 1, (EntryType)9, default)], sync: true, Ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await peer.SaveSnapshotAsync(0, 1, default, Ct));
        Assert.Throws<ArgumentException>(() => Provider.ForPeer("a/b", 1));
        Assert.Throws<ArgumentException>(() => Provider.ForPeer("", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Provider.ForPeer(Group, 0));
        Assert.Empty((await peer.LoadAsync(Ct)).Entries);
    }

    [Fact]
    public async Task Schema_IsVersioned_AndReopeningAppliesNothingTwice()
    {
        await RestartAsync();
        var scripts = SchemaScripts.For(SchemaDialect);
        Assert.Equal((long)scripts.Count, await ScalarAsync("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal((long)scripts[^1].Version, await ScalarAsync("SELECT MAX(version) FROM schema_version"));
    }

    [Fact]
    public async Task NewerClaim_FencesTheOlderActivation_AndAnOlderClaimIsRefused()
    {
        // Two silos (or processes) opening one database: each holds its own view of peer 1.
        await using var second = CreateProvider();
        await second.OpenAsync(Ct);
        var older = Peer(1);
        var newer = second.ForPeer(Group, 1);
        await older.ClaimAsync(1, Ct);
        await older.SaveAsync(null, [NoOp(1, 1)], sync: true, Ct);

        await newer.ClaimAsync(2, Ct);

        await Assert.ThrowsAsync<InconsistentStateException>(() => older.SaveAsync(null, [E(2, 1, "stale")], sync: true, Ct).AsTask());
        await Assert.ThrowsAsync<InconsistentStateException>(() => older.CompactAsync(1, Ct).AsTask());
        await Assert.ThrowsAsync<InconsistentStateException>(() => older.ClaimAsync(1, Ct).AsTask());
        await newer.SaveAsync(null, [E(2, 2, "new")], sync: true, Ct);
        AssertEntries(["1/1:noop", "2/2:new"], (await newer.LoadAsync(Ct)).Entries);
    }

    protected async Task RestartAsync()
    {
        await Provider.DisposeAsync();
        _provider = CreateProvider();
        await _provider.OpenAsync(Ct);
    }

    protected async Task ExecuteRawAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync(Ct);
    }

    protected async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = await OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(Ct);
        return value is int i ? (long)i : value;
    }

    private IFencedLogStorage Peer(int id) => Provider.ForPeer(Group, id);

    private static Entry E(long index, long term, string data) => new(term, index, EntryType.Normal, Bytes(data));

    private static Entry NoOp(long index, long term) => new(term, index, EntryType.NoOp, default);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(ReadOnlyMemory<byte> data) => Encoding.UTF8.GetString(data.Span);

    private static void AssertEntries(string[] expected, IReadOnlyList<Entry> actual) =>
        Assert.Equal(expected, actual.Select(e => $"{e.Term}/{e.Index}:{(e.Type == EntryType.NoOp ? "noop" : Text(e.Data))}"));
}

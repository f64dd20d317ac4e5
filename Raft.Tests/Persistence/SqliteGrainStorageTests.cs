using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Raft.Silo.Persistence;
using Raft.Silo.Storage;
using Raft.Tests.Storage;

namespace Raft.Tests.Persistence;

/// <summary>
/// Proves SqliteGrainStorage keeps Orleans' grain storage contract with conditional writes: nothing stored
/// reads as a new state with no ETag; a [GenerateSerializer] state written through Orleans' serializer reads
/// back whole from a new storage instance; a write or clear naming any ETag but the stored one (including a
/// first write that names one, or a write with none over an existing record) throws
/// InconsistentStateException and changes nothing; clearing removes the state; providers sharing a file keep
/// apart; the file is shared with the Raft log's storage. Corruption written behind the storage's back with
/// raw SQL (a flipped payload byte, a row moved under another grain) makes the read throw
/// StorageCorruptionException naming the grain, the table and the file.
/// </summary>
public sealed class SqliteGrainStorageTests : IAsyncLifetime
{
    private const string StateName = "counter";

    private readonly TempFolder _folder = new("grain-storage");
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly List<SqliteGrainStorage> _storages = [];
    private readonly GrainId _grain = GrainId.Create("test-counter", "1");
    private SqliteGrainStorage _storage = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string FilePath => _folder.File(SqliteStorageProvider.DefaultFileName);

    public ValueTask InitializeAsync()
    {
        _storage = NewStorage("store");
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var storage in _storages) await storage.DisposeAsync();
        await _services.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Read_NothingStored_GivesANewStateWithNoETagAndNoRecord()
    {
        var state = await ReadAsync(_storage);
        Assert.Equal(0, state.State!.Count);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task Write_ThenReadFromANewStorage_RoundTripsStateAndETag()
    {
        var state = await ReadAsync(_storage);
        state.State = new CounterState { Count = 7, Note = "seven" };
        await _storage.WriteStateAsync(StateName, _grain, state, Ct);
        Assert.NotNull(state.ETag);
        Assert.True(state.RecordExists);

        var read = await ReadAsync(NewStorage("store"));
        Assert.Equal(7, read.State!.Count);
        Assert.Equal("seven", read.State!.Note);
        Assert.Equal(state.ETag, read.ETag);
        Assert.True(read.RecordExists);

        var firstETag = state.ETag;
        state.State!.Count = 8;
        await _storage.WriteStateAsync(StateName, _grain, state, Ct);
        Assert.NotEqual(firstETag, state.ETag);
        Assert.Equal(8, (await ReadAsync(_storage)).State!.Count);
    }

    [Fact]
    public async Task Write_WithAStaleETag_ThrowsInconsistentState_AndChangesNothing()
    {
        var first = await ReadAsync(_storage);
        var second = await ReadAsync(_storage);
        first.State!.Count = 1;
        await _storage.WriteStateAsync(StateName, _grain, first, Ct);
        var behind = await ReadAsync(_storage);
        first.State!.Count = 2;
        await _storage.WriteStateAsync(StateName, _grain, first, Ct);

        // Read before the first write: it names no ETag, yet a record exists now.
        second.State!.Count = 100;
        var noETag = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, _grain, second, Ct));
        Assert.Equal(first.ETag, noETag.StoredEtag);
        Assert.Null(noETag.CurrentEtag);
        Assert.Null(second.ETag);

        // Read between the two writes: its ETag is stale.
        behind.State!.Count = 200;
        var staleETag = behind.ETag;
        var stale = await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, _grain, behind, Ct));
        Assert.Equal(first.ETag, stale.StoredEtag);
        Assert.Equal(staleETag, stale.CurrentEtag);
        Assert.Equal(staleETag, behind.ETag);

        var stored = await ReadAsync(_storage);
        Assert.Equal(2, stored.State!.Count);
        Assert.Equal(first.ETag, stored.ETag);
    }

    [Fact]
    public async Task FirstWrite_NamingAnETag_IsRefused_AndStoresNothing()
    {
        var state = new GrainState<CounterState>(new CounterState { Count = 1 }, "made-up");
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.WriteStateAsync(StateName, _grain, state, Ct));
        Assert.False((await ReadAsync(_storage)).RecordExists);
    }

    [Fact]
    public async Task Clear_NeedsTheCurrentETag_RemovesTheState_AndTheNextWriteStartsAfresh()
    {
        var state = await ReadAsync(_storage);
        state.State!.Count = 5;
        await _storage.WriteStateAsync(StateName, _grain, state, Ct);
        var stale = new GrainState<CounterState>(new CounterState(), "stale");
        await Assert.ThrowsAsync<InconsistentStateException>(() => _storage.ClearStateAsync(StateName, _grain, stale, Ct));
        Assert.Equal(5, (await ReadAsync(_storage)).State!.Count);

        await _storage.ClearStateAsync(StateName, _grain, state, Ct);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State!.Count);
        Assert.False((await ReadAsync(_storage)).RecordExists);

        state.State!.Count = 6;
        await _storage.WriteStateAsync(StateName, _grain, state, Ct);
        Assert.Equal(6, (await ReadAsync(_storage)).State!.Count);
    }

    [Fact]
    public async Task ProvidersSharingAFile_KeepTheirOwnState()
    {
        var other = NewStorage("other-store");
        var mine = await ReadAsync(_storage);
        mine.State!.Count = 1;
        await _storage.WriteStateAsync(StateName, _grain, mine, Ct);

        Assert.False((await ReadAsync(other)).RecordExists);
        var theirs = await ReadAsync(other);
        theirs.State!.Count = 2;
        await other.WriteStateAsync(StateName, _grain, theirs, Ct);
        Assert.Equal(1, (await ReadAsync(_storage)).State!.Count);
    }

    [Fact]
    public async Task SharesRaftDb_WithTheLogStorage_OneSchemaForBoth()
    {
        await using var log = new SqliteStorageProvider(_folder.Path);
        await log.OpenAsync(Ct);
        await log.ForPeer("kv", 1).SaveAsync(new Raft.Core.Messages.HardState(1, 1, 0), [], sync: true, Ct);
        var state = await ReadAsync(_storage);
        state.State!.Count = 3;
        await _storage.WriteStateAsync(StateName, _grain, state, Ct);

        Assert.Equal(SchemaScripts.For(SchemaScripts.Sqlite)[^1].Version, log.SchemaVersion);
        Assert.Equal(3, (await ReadAsync(_storage)).State!.Count);
        Assert.Equal(1, (await log.ForPeer("kv", 1).LoadAsync(Ct)).HardState.Term);
    }

    [Fact]
    public async Task FlippedPayloadByte_IsDetectedOnRead_NamingGrainTableAndFile()
    {
        await WriteCountAsync(9);
        await using (var raw = await RawAsync())
        {
            await using var read = raw.CreateCommand();
            read.CommandText = "SELECT payload FROM grain_state";
            var payload = (byte[])(await read.ExecuteScalarAsync(Ct))!;
            payload[payload.Length / 2] ^= 0x01;
            await using var write = raw.CreateCommand();
            write.CommandText = "UPDATE grain_state SET payload = @payload";
            write.Parameters.AddWithValue("@payload", payload);
            Assert.Equal(1, await write.ExecuteNonQueryAsync(Ct));
        }

        var corruption = await Assert.ThrowsAsync<StorageCorruptionException>(() => ReadAsync(_storage));
        Assert.Contains(_grain.ToString(), corruption.Message, StringComparison.Ordinal);
        Assert.Contains("grain_state", corruption.Message, StringComparison.Ordinal);
        Assert.Contains(FilePath, corruption.Message, StringComparison.Ordinal);
        Assert.Equal(_grain.ToString(), corruption.Peer);
    }

    [Fact]
    public async Task RowMovedUnderAnotherGrain_IsDetectedOnRead()
    {
        await WriteCountAsync(9);
        var other = GrainId.Create("test-counter", "2");
        await using (var raw = await RawAsync())
        {
            await using var command = raw.CreateCommand();
            command.CommandText = "UPDATE grain_state SET grain_id = @other";
            command.Parameters.AddWithValue("@other", other.ToString());
            Assert.Equal(1, await command.ExecuteNonQueryAsync(Ct));
        }

        var corruption = await Assert.ThrowsAsync<StorageCorruptionException>(
            () => _storage.ReadStateAsync(StateName, other, new GrainState<CounterState>(), Ct));
        Assert.Contains(other.ToString(), corruption.Message, StringComparison.Ordinal);
    }

    private async Task WriteCountAsync(int count)
    {
        var state = await ReadAsync(_storage);
        state.State!.Count = count;
        await _storage.WriteStateAsync(StateName, _grain, state, Ct);
    }

    private async Task<GrainState<CounterState>> ReadAsync(SqliteGrainStorage storage)
    {
        var state = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, _grain, state, Ct);
        return state;
    }

    private SqliteGrainStorage NewStorage(string name)
    {
        var options = new SqliteGrainStorageOptions
        {
            DatabaseFile = FilePath,
            GrainStorageSerializer = new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()),
        };
        var storage = new SqliteGrainStorage(name, options, _services.GetRequiredService<IActivatorProvider>(), NullLogger<SqliteGrainStorage>.Instance);
        _storages.Add(storage);
        return storage;
    }

    private async Task<SqliteConnection> RawAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        await connection.OpenAsync(Ct);
        return connection;
    }
}

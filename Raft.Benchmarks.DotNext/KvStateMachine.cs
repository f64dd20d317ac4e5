using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using DotNext.IO;
using DotNext.Net.Cluster.Consensus.Raft.StateMachine;

namespace Raft.Benchmarks.DotNext;

/// <summary>
/// The replicated dictionary: dotNext's <see cref="SimpleStateMachine"/>, which keeps the whole state in memory
/// and writes it to a snapshot file in its folder when <see cref="ApplyAsync"/> asks (every
/// <see cref="SnapshotEveryEntries"/> entries, as often as our silo's default snapshot policy); the write-ahead
/// log then drops the entries the snapshot covers. The WAL applies committed entries one at a time, never
/// concurrently; gets read the dictionary from request threads, hence a concurrent one.
/// </summary>
internal sealed class KvStateMachine(DirectoryInfo location) : SimpleStateMachine(location)
{
    private const long SnapshotEveryEntries = 10_000;

    /// <summary>Snapshot bytes are handed to the writer in pieces of about this size.</summary>
    private const int SnapshotChunkBytes = 64 * 1024;

    private readonly ConcurrentDictionary<string, byte[]> _values = new(StringComparer.Ordinal);
    private long _appliedSinceSnapshot;

    public bool TryGet(string key, [NotNullWhen(true)] out byte[]? value) => _values.TryGetValue(key, out value);

    protected override ValueTask<bool> ApplyAsync(LogEntry entry, CancellationToken token)
    {
        // A new leader's first entry of its term is empty, and membership entries carry no key.
        if (!entry.IsConfiguration && entry.TryGetPayload(out var payload) && !payload.IsEmpty)
        {
            var reader = new SequenceReader<byte>(payload);
            var (key, value) = KvRecord.Read(ref reader);
            _values[key] = value;
        }
        if (++_appliedSinceSnapshot < SnapshotEveryEntries) return new(false);
        _appliedSinceSnapshot = 0;
        return new(true);
    }

    /// <summary>
    /// Writes the dictionary as of the entry that asked for the snapshot: dotNext runs this on the thread pool,
    /// but applies the next entry only once it has finished, so nothing changes the dictionary meanwhile.
    /// </summary>
    protected override async ValueTask PersistAsync(IAsyncBinaryWriter writer, CancellationToken token)
    {
        var chunk = new ArrayBufferWriter<byte>(SnapshotChunkBytes);
        foreach (var (key, value) in _values)
        {
            KvRecord.Write(chunk, key, value);
            if (chunk.WrittenCount < SnapshotChunkBytes) continue;
            await writer.WriteAsync(chunk.WrittenMemory, lengthFormat: null, token).ConfigureAwait(false);
            chunk.ResetWrittenCount();
        }
        await writer.WriteAsync(chunk.WrittenMemory, lengthFormat: null, token).ConfigureAwait(false);
    }

    /// <summary>At start (the newest snapshot on disk) and when the leader sends one: the snapshot replaces the state.</summary>
    protected override async ValueTask RestoreAsync(FileInfo snapshotFile, CancellationToken token)
    {
        var bytes = await File.ReadAllBytesAsync(snapshotFile.FullName, token).ConfigureAwait(false);
        _values.Clear();
        var reader = new SequenceReader<byte>(new ReadOnlySequence<byte>(bytes));
        while (!reader.End)
        {
            var (key, value) = KvRecord.Read(ref reader);
            _values[key] = value;
        }
    }
}

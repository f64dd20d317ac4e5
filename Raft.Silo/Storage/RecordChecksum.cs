using Raft.Core.Checksums;
using System.Text;
using Raft.Core.Messages;
using Raft.Grains;

namespace Raft.Silo.Storage;

/// <summary>
/// The checksums stored with every record. Each covers the peer key, a record-kind tag and every other
/// column, so a flipped byte anywhere, a row copied under another peer's key, or a row whose index was
/// rewritten all fail verification. Checksums are stored as the unsigned value in a 64-bit integer column.
/// </summary>
internal sealed class RecordChecksum
{
    private const byte EntryTag = (byte)'E';
    private const byte HardStateTag = (byte)'H';
    private const byte SnapshotTag = (byte)'S';

    // The CRC register after the peer key: every record of this peer starts from here.
    private readonly uint _afterKey;

    public RecordChecksum(PeerKey key)
    {
        _afterKey = Crc32C.Append(Crc32C.Initial, Encoding.UTF8.GetBytes(key.Value));
    }

    public long Entry(long index, long term, EntryType type, ReadOnlySpan<byte> data)
    {
        var state = Crc32C.Append(_afterKey, [EntryTag, (byte)type]);
        state = Crc32C.Append(state, index);
        state = Crc32C.Append(state, term);
        return Crc32C.Finish(Crc32C.Append(state, data));
    }

    public long Entry(in Entry entry) => Entry(entry.Index, entry.Term, entry.Type, entry.Data.Span);

    public long HardState(HardState hardState)
    {
        var state = Crc32C.Append(_afterKey, [HardStateTag]);
        state = Crc32C.Append(state, hardState.Term);
        state = Crc32C.Append(state, hardState.VotedFor);
        return Crc32C.Finish(Crc32C.Append(state, hardState.Commit));
    }

    public long Snapshot(long lastIndex, long lastTerm, ReadOnlySpan<byte> data)
    {
        var state = Crc32C.Append(_afterKey, [SnapshotTag]);
        state = Crc32C.Append(state, lastIndex);
        state = Crc32C.Append(state, lastTerm);
        return Crc32C.Finish(Crc32C.Append(state, data));
    }
}

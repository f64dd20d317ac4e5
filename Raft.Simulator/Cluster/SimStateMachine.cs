using System.Buffers.Binary;
using System.Text;
using Raft.Core.Messages;
using Raft.Simulator.Checking;

namespace Raft.Simulator.Cluster;

/// <summary>
/// The simulated peers' replicated state machine: the registers that "key=value" commands write, plus two
/// fingerprints that let the checker compare a peer's state with the one rebuilt from the committed log:
/// <see cref="HistoryDigest"/>, a hash chain over every applied entry in order, and <see cref="ValuesDigest"/>,
/// an order-free hash of the register contents. A snapshot is the registers and the chain, in bytes; a
/// restored state recomputes its values digest from the registers it decoded, so a snapshot that lost or
/// garbled a register shows.
/// </summary>
public sealed class SimStateMachine
{
    private readonly SortedDictionary<string, string> _values = new(StringComparer.Ordinal);

    public long AppliedIndex { get; private set; }

    public ulong HistoryDigest { get; private set; }

    public ulong ValuesDigest { get; private set; }

    public IReadOnlyDictionary<string, string> Values => _values;

    public void Apply(Entry entry)
    {
        AppliedIndex = entry.Index;
        HistoryDigest = Chain(HistoryDigest, entry);
        if (entry.Type == EntryType.Normal && RegisterHistory.TryParse(entry.Data.Span, out var key, out var value)) Set(key, value);
    }

    /// <summary>Writes a register, keeping the values digest current (XOR out the old pair, XOR in the new).</summary>
    private void Set(string key, string value)
    {
        if (_values.TryGetValue(key, out var old)) ValuesDigest ^= PairHash(key, old);
        _values[key] = value;
        ValuesDigest ^= PairHash(key, value);
    }

    public byte[] Capture()
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream, Encoding.UTF8);
        writer.Write(AppliedIndex);
        writer.Write(HistoryDigest);
        writer.Write(_values.Count);
        foreach (var (key, value) in _values)
        {
            writer.Write(key);
            writer.Write(value);
        }
        writer.Flush();
        return stream.ToArray();
    }

    public void Restore(ReadOnlySpan<byte> snapshot)
    {
        using var reader = new BinaryReader(new MemoryStream(snapshot.ToArray()), Encoding.UTF8);
        AppliedIndex = reader.ReadInt64();
        HistoryDigest = reader.ReadUInt64();
        var count = reader.ReadInt32();
        _values.Clear();
        ValuesDigest = 0;
        for (var i = 0; i < count; i++) Set(reader.ReadString(), reader.ReadString());
    }

    public static ulong Chain(ulong digest, Entry entry)
    {
        var hash = Mix(digest ^ 0x9E37_79B9_7F4A_7C15UL, (ulong)entry.Index, (ulong)entry.Term, (ulong)entry.Type);
        foreach (var b in entry.Data.Span) hash = Mix(hash, b);
        return hash;
    }

    public static ulong PairHash(string key, string value)
    {
        var hash = 0xCBF2_9CE4_8422_2325UL;
        foreach (var c in key) hash = Mix(hash, c);
        hash = Mix(hash, 0xFF);
        foreach (var c in value) hash = Mix(hash, c);
        return hash;
    }

    private static ulong Mix(ulong hash, params ReadOnlySpan<ulong> values)
    {
        foreach (var value in values)
        {
            hash ^= value;
            hash *= 0x1000_0000_01B3UL;
            hash ^= hash >> 29;
        }
        return hash;
    }
}

using Raft.Core.Messages;

namespace Raft.Grains.Serialization;

/// <summary>
/// A log entry as Orleans carries it: Raft.Core stays free of Orleans, so its types travel as surrogates
/// defined here. Values are copied as they are; <c>RaftNode.Step</c> validates what arrives.
/// </summary>
[GenerateSerializer, Alias("raft.entry")]
public struct EntrySurrogate
{
    [Id(0)] public long Term;
    [Id(1)] public long Index;
    [Id(2)] public byte Type;
    // The entry's own memory: serialization writes it out once, with no copy first.
    [Id(3)] public ReadOnlyMemory<byte> Data;

    public static EntrySurrogate From(Entry entry) => new()
    {
        Term = entry.Term,
        Index = entry.Index,
        Type = (byte)entry.Type,
        Data = entry.Data,
    };

    public readonly Entry ToEntry() => new(Term, Index, (EntryType)Type, Data);
}

[RegisterConverter]
public sealed class EntrySurrogateConverter : IConverter<Entry, EntrySurrogate>
{
    public Entry ConvertFromSurrogate(in EntrySurrogate surrogate) => surrogate.ToEntry();

    public EntrySurrogate ConvertToSurrogate(in Entry value) => EntrySurrogate.From(value);
}

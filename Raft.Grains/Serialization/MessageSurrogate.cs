using Raft.Core.Messages;

namespace Raft.Grains.Serialization;

/// <summary>A Raft message as Orleans carries it (see <see cref="EntrySurrogate"/> for why surrogates).</summary>
[GenerateSerializer, Alias("raft.message")]
public struct MessageSurrogate
{
    [Id(0)] public byte Type;
    [Id(1)] public int From;
    [Id(2)] public int To;
    [Id(3)] public long Term;
    [Id(4)] public long LogTerm;
    [Id(5)] public long Index;
    [Id(6)] public long Commit;
    [Id(7)] public bool Reject;
    [Id(8)] public long RejectHint;
    [Id(9)] public long Context;
    [Id(10)] public EntrySurrogate[] Entries;
}

[RegisterConverter]
public sealed class MessageSurrogateConverter : IConverter<Message, MessageSurrogate>
{
    public Message ConvertFromSurrogate(in MessageSurrogate surrogate)
    {
        var entries = surrogate.Entries ?? [];
        var converted = new Entry[entries.Length];
        for (var i = 0; i < entries.Length; i++) converted[i] = entries[i].ToEntry();
        return new Message
        {
            Type = (MessageType)surrogate.Type,
            From = surrogate.From,
            To = surrogate.To,
            Term = surrogate.Term,
            LogTerm = surrogate.LogTerm,
            Index = surrogate.Index,
            Commit = surrogate.Commit,
            Reject = surrogate.Reject,
            RejectHint = surrogate.RejectHint,
            Context = surrogate.Context,
            Entries = converted,
        };
    }

    public MessageSurrogate ConvertToSurrogate(in Message value)
    {
        var entries = new EntrySurrogate[value.Entries.Count];
        for (var i = 0; i < entries.Length; i++) entries[i] = EntrySurrogate.From(value.Entries[i]);
        return new MessageSurrogate
        {
            Type = (byte)value.Type,
            From = value.From,
            To = value.To,
            Term = value.Term,
            LogTerm = value.LogTerm,
            Index = value.Index,
            Commit = value.Commit,
            Reject = value.Reject,
            RejectHint = value.RejectHint,
            Context = value.Context,
            Entries = entries,
        };
    }
}

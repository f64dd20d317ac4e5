using Raft.Core.Members;
using Raft.Core.Messages;
using Raft.Core.Snapshots;

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
    [Id(11)] public bool LeaderTransfer;
    [Id(12)] public SnapshotChunkSurrogate? Snapshot;
}

/// <summary>One InstallSnapshot chunk; the membership travels in <see cref="MembershipCodec"/>'s bytes.</summary>
[GenerateSerializer, Alias("raft.snapshot-chunk")]
public sealed class SnapshotChunkSurrogate
{
    [Id(0)] public long Index;
    [Id(1)] public long Term;
    [Id(2)] public byte[] Membership = [];
    [Id(3)] public long Offset;
    [Id(4)] public long TotalBytes;
    [Id(5)] public byte[] Data = [];
    [Id(6)] public uint Checksum;

    public static SnapshotChunkSurrogate From(SnapshotChunk chunk) => new()
    {
        Index = chunk.Metadata.Index,
        Term = chunk.Metadata.Term,
        Membership = MembershipCodec.Encode(chunk.Metadata.Membership),
        Offset = chunk.Offset,
        TotalBytes = chunk.TotalBytes,
        Data = chunk.Data.ToArray(),
        Checksum = chunk.Checksum,
    };

    /// <summary>The chunk, or null when its membership does not decode (the node then refuses the message as malformed).</summary>
    public SnapshotChunk? ToChunk() =>
        MembershipCodec.TryDecode(Membership ?? []) is { } membership
            ? new SnapshotChunk(new SnapshotMetadata(Index, Term, membership), Offset, TotalBytes, Data ?? [], Checksum)
            : null;
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
            LeaderTransfer = surrogate.LeaderTransfer,
            Snapshot = surrogate.Snapshot?.ToChunk(),
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
            LeaderTransfer = value.LeaderTransfer,
            Snapshot = value.Snapshot is { } chunk ? SnapshotChunkSurrogate.From(chunk) : null,
        };
    }
}

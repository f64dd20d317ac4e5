using System.Buffers;
using System.Buffers.Binary;
using Raft.Core.Messages;

namespace Raft.Silo.Transport;

/// <summary>
/// Hand-written little-endian encoding of a Raft <see cref="Message"/>: a version byte, the fixed fields,
/// an entry count, then each entry's term, index, type, data length and data.
/// </summary>
/// <remarks>
/// Decoding is strict and total: every field is bounds-checked, counts and lengths are checked against
/// the bytes that remain before anything is allocated for them, and unknown types or trailing bytes are
/// refused. Value ranges that are a protocol matter (a negative term, entries that do not follow) are left
/// to Raft.Core's MessageValidator, which reports them without changing the node.
/// </remarks>
public static class MessageCodec
{
    /// <summary>The codec's own version; bump it when the layout below changes.</summary>
    public const byte Version = 1;

    /// <summary>Version, type, from, to, term, logTerm, index, commit, reject, rejectHint, context, entry count.</summary>
    public const int HeaderBytes = 1 + 1 + 4 + 4 + 8 + 8 + 8 + 8 + 1 + 8 + 8 + 4;

    /// <summary>
    /// Upper bound on entries in one message, whatever the frame size allows. Far above what a leader batches
    /// (the core caps messages by bytes), low enough that a hostile count cannot cost much.
    /// </summary>
    public const int MaxEntries = 1 << 16;

    public static int GetEncodedLength(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        long length = HeaderBytes;
        foreach (var entry in message.Entries) length += Entry.HeaderBytes + entry.Data.Length;
        if (length > int.MaxValue) throw new ArgumentException($"Message of {length} bytes cannot be encoded.", nameof(message));
        return (int)length;
    }

    public static byte[] Encode(Message message)
    {
        var bytes = new byte[GetEncodedLength(message)];
        Encode(message, bytes);
        return bytes;
    }

    /// <summary>Writes the message into the buffer writer and returns the bytes written.</summary>
    public static int Encode(Message message, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = GetEncodedLength(message);
        Encode(message, writer.GetSpan(length));
        writer.Advance(length);
        return length;
    }

    /// <summary>Encodes into a destination at least <see cref="GetEncodedLength"/> bytes long.</summary>
    public static void Encode(Message message, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Entries.Count > MaxEntries)
        {
            throw new ArgumentException($"{message.Entries.Count} entries exceed the codec limit of {MaxEntries}.", nameof(message));
        }
        var span = destination;
        span[0] = Version;
        span[1] = (byte)message.Type;
        BinaryPrimitives.WriteInt32LittleEndian(span[2..], message.From);
        BinaryPrimitives.WriteInt32LittleEndian(span[6..], message.To);
        BinaryPrimitives.WriteInt64LittleEndian(span[10..], message.Term);
        BinaryPrimitives.WriteInt64LittleEndian(span[18..], message.LogTerm);
        BinaryPrimitives.WriteInt64LittleEndian(span[26..], message.Index);
        BinaryPrimitives.WriteInt64LittleEndian(span[34..], message.Commit);
        span[42] = message.Reject ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteInt64LittleEndian(span[43..], message.RejectHint);
        BinaryPrimitives.WriteInt64LittleEndian(span[51..], message.Context);
        BinaryPrimitives.WriteInt32LittleEndian(span[59..], message.Entries.Count);
        span = span[HeaderBytes..];
        foreach (var entry in message.Entries)
        {
            BinaryPrimitives.WriteInt64LittleEndian(span, entry.Term);
            BinaryPrimitives.WriteInt64LittleEndian(span[8..], entry.Index);
            span[16] = (byte)entry.Type;
            BinaryPrimitives.WriteInt32LittleEndian(span[17..], entry.Data.Length);
            entry.Data.Span.CopyTo(span[Entry.HeaderBytes..]);
            span = span[(Entry.HeaderBytes + entry.Data.Length)..];
        }
    }

    /// <summary>
    /// Decodes exactly one message occupying all of <paramref name="frame"/>. Each entry's data is copied into
    /// its own array, so the caller may reuse the buffer at once.
    /// </summary>
    /// <exception cref="FrameFormatException">The bytes are not exactly one valid message.</exception>
    public static Message Decode(ReadOnlySpan<byte> frame)
    {
        var reader = new WireReader(frame);
        var version = reader.ReadByte("version");
        if (version != Version)
        {
            throw new FrameFormatException(FrameError.UnsupportedVersion, $"message codec version {version}, expected {Version}.");
        }
        var type = (MessageType)reader.ReadByte("type");
        if (!type.IsDefined()) throw new FrameFormatException(FrameError.UnknownMessageType, $"message type {(byte)type}.");
        var from = reader.ReadInt32("from");
        var to = reader.ReadInt32("to");
        var term = reader.ReadInt64("term");
        var logTerm = reader.ReadInt64("logTerm");
        var index = reader.ReadInt64("index");
        var commit = reader.ReadInt64("commit");
        var reject = reader.ReadByte("reject") switch
        {
            0 => false,
            1 => true,
            var other => throw new FrameFormatException(FrameError.InvalidField, $"reject is {other}, expected 0 or 1."),
        };
        var rejectHint = reader.ReadInt64("rejectHint");
        var context = reader.ReadInt64("context");
        var entries = DecodeEntries(ref reader);
        reader.EnsureEnd("message");
        return new Message
        {
            Type = type,
            From = from,
            To = to,
            Term = term,
            LogTerm = logTerm,
            Index = index,
            Commit = commit,
            Reject = reject,
            RejectHint = rejectHint,
            Context = context,
            Entries = entries,
        };
    }

    private static Entry[] DecodeEntries(ref WireReader reader)
    {
        var count = reader.ReadInt32("entry count");
        if (count < 0) throw new FrameFormatException(FrameError.NegativeLength, $"entry count is {count}.");
        if (count > MaxEntries) throw new FrameFormatException(FrameError.CountAboveLimit, $"entry count {count} exceeds {MaxEntries}.");
        // Every entry takes at least its header, so a count the frame cannot hold is refused before the array exists.
        if (count > reader.Remaining / Entry.HeaderBytes)
        {
            throw new FrameFormatException(FrameError.LengthBeyondFrame, $"entry count {count} cannot fit in {reader.Remaining} bytes.");
        }
        if (count == 0) return [];
        var entries = new Entry[count];
        for (var i = 0; i < count; i++)
        {
            var term = reader.ReadInt64("entry term");
            var index = reader.ReadInt64("entry index");
            var type = (EntryType)reader.ReadByte("entry type");
            if (type is not (EntryType.Normal or EntryType.NoOp))
            {
                throw new FrameFormatException(FrameError.UnknownEntryType, $"entry {i} has type {(byte)type}.");
            }
            var length = reader.ReadLength("entry data length");
            var data = length == 0 ? ReadOnlyMemory<byte>.Empty : reader.ReadBytes(length, "entry data").ToArray();
            entries[i] = new Entry(term, index, type, data);
        }
        return entries;
    }
}

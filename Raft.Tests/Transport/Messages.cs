using Raft.Core.Messages;

namespace Raft.Tests.Transport;

/// <summary>Message builders and a field-by-field comparison (Message equality compares entry lists by reference).</summary>
internal static class Messages
{
    public static Message Heartbeat(int from, int to, long sequence) => new()
    {
        Type = MessageType.Heartbeat,
        From = from,
        To = to,
        Term = 3,
        Commit = 17,
        Context = sequence,
    };

    public static Message Append(int from, int to, int entryCount, int entryBytes, long sequence = 0)
    {
        var entries = new Entry[entryCount];
        for (var i = 0; i < entryCount; i++)
        {
            var data = new byte[entryBytes];
            new Random(i).NextBytes(data);
            entries[i] = new Entry(4, 101 + i, EntryType.Normal, data);
        }
        return new Message
        {
            Type = MessageType.Append,
            From = from,
            To = to,
            Term = 4,
            LogTerm = 4,
            Index = 100,
            Commit = 99,
            Context = sequence,
            Entries = entries,
        };
    }

    public static void AssertEqual(Message expected, Message actual)
    {
        Assert.Equal(expected with { Entries = [] }, actual with { Entries = [] });
        Assert.Equal(expected.Entries.Count, actual.Entries.Count);
        for (var i = 0; i < expected.Entries.Count; i++)
        {
            var e = expected.Entries[i];
            var a = actual.Entries[i];
            Assert.Equal((e.Term, e.Index, e.Type), (a.Term, a.Index, a.Type));
            Assert.True(e.Data.Span.SequenceEqual(a.Data.Span), $"entry {i} data differs");
        }
    }
}

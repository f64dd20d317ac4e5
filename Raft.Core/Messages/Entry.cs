namespace Raft.Core.Messages;

/// <summary>
/// What an entry carries: a client command, the no-op a new leader appends (Raft §5.4.2, §8), or a new
/// membership (dissertation §4.1), encoded by <see cref="Members.MembershipCodec"/>.
/// </summary>
public enum EntryType : byte
{
    Normal = 0,
    NoOp = 1,
    Configuration = 2,
}

/// <summary>
/// One log entry. Immutable: once an (Index, Term) pair exists anywhere, its Data never changes
/// (Log Matching, Raft §5.3).
/// </summary>
public readonly record struct Entry(long Term, long Index, EntryType Type, ReadOnlyMemory<byte> Data)
{
    /// <summary>Bytes this entry counts against message and proposal limits (payload plus a fixed header).</summary>
    public int Size => Data.Length + HeaderBytes;

    /// <summary>Term, index and type as they travel on the wire and sit on disk.</summary>
    public const int HeaderBytes = 8 + 8 + 1 + 4;

    public override string ToString() => $"{Term}/{Index}{Type switch { EntryType.NoOp => " noop", EntryType.Configuration => " config", _ => $" {Data.Length}B" }}";
}

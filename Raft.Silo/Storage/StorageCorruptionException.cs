namespace Raft.Silo.Storage;

/// <summary>
/// A stored record failed verification (bad checksum, a gap in the log, a torn or impossible value). The
/// peer must not start from this storage: applying corrupt state silently could break Raft's safety.
/// </summary>
public sealed class StorageCorruptionException : Exception
{
    public StorageCorruptionException(string peer, string record, string location, string problem)
        : base($"storage of peer {peer} is corrupt at {record} in {location}: {problem}")
    {
        Peer = peer;
        Record = record;
        Location = location;
        Problem = problem;
    }

    public StorageCorruptionException()
        : this("?", "?", "?", "unknown")
    {
    }

    public StorageCorruptionException(string message)
        : base(message)
    {
        Peer = Record = Location = "?";
        Problem = message;
    }

    public StorageCorruptionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Peer = Record = Location = "?";
        Problem = message;
    }

    /// <summary>The peer key, "group/peerId".</summary>
    public string Peer { get; }

    /// <summary>Which record: "index N", "hard state" or "snapshot".</summary>
    public string Record { get; }

    /// <summary>The SQLite file path, or the PostgreSQL table.</summary>
    public string Location { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }

    internal static string EntryRecord(long index) => $"index {index}";

    internal const string HardStateRecord = "hard state";

    internal const string SnapshotRecord = "snapshot";
}

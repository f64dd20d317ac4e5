namespace Raft.Client.Results;

/// <summary>One Raft peer as <c>status</c> shows it (a row of the table, an element of <c>peers</c> in --json).</summary>
internal sealed record PeerStatus(
    long Id,
    string Silo,
    string Address,
    string Role,
    long Term,
    long LastIndex,
    long CommitIndex,
    long AppliedIndex,
    long SnapshotIndex,
    long FirstIndex,
    long LogLength);

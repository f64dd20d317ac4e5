namespace Raft.Core.Messages;

/// <summary>The messages peers exchange. Every one is one-way; replies are messages of their own.</summary>
public enum MessageType : byte
{
    /// <summary>Would you vote for me at Term? Changes nothing on the receiver (dissertation §9.6).</summary>
    PreVote = 1,
    PreVoteResponse = 2,
    /// <summary>RequestVote (Raft §5.2).</summary>
    Vote = 3,
    VoteResponse = 4,
    /// <summary>AppendEntries carrying entries after (Index, LogTerm), and the leader's commit.</summary>
    Append = 5,
    AppendResponse = 6,
    /// <summary>Empty AppendEntries that keeps followers from campaigning and carries the commit index.</summary>
    Heartbeat = 7,
    HeartbeatResponse = 8,
    /// <summary>One chunk of the leader's snapshot (InstallSnapshot, Raft §7).</summary>
    Snapshot = 9,
    /// <summary>The offset the follower expects next (RejectHint), or a refused chunk (Reject).</summary>
    SnapshotResponse = 10,
    /// <summary>The leader asks a caught-up voter to campaign at once (leadership transfer, dissertation §3.10).</summary>
    TimeoutNow = 11,
}

public static class MessageTypeExtensions
{
    public static bool IsResponse(this MessageType type) =>
        type is MessageType.PreVoteResponse or MessageType.VoteResponse
            or MessageType.AppendResponse or MessageType.HeartbeatResponse or MessageType.SnapshotResponse;

    public static bool IsDefined(this MessageType type) =>
        type is >= MessageType.PreVote and <= MessageType.TimeoutNow;
}

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
}

public static class MessageTypeExtensions
{
    public static bool IsResponse(this MessageType type) =>
        type is MessageType.PreVoteResponse or MessageType.VoteResponse
            or MessageType.AppendResponse or MessageType.HeartbeatResponse;

    public static bool IsDefined(this MessageType type) =>
        type is >= MessageType.PreVote and <= MessageType.HeartbeatResponse;
}

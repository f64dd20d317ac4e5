using Raft.Core.Snapshots;

namespace Raft.Core.Messages;

/// <summary>
/// One Raft message. A single shape serves every type, as in etcd's raftpb.Message; the fields a type
/// does not use stay zero.
/// </summary>
/// <remarks>
/// Field use by type:
/// Vote/PreVote: Index, LogTerm = candidate's last entry.
/// Append: Index, LogTerm = entry preceding Entries; Commit = leader's commit.
/// AppendResponse: Index = last index now matching (accept) or the rejected Index (reject);
/// RejectHint, LogTerm = the follower's hint for backing up a whole term (Raft §5.3, "optimization").
/// Heartbeat: Commit = min(follower's match, leader's commit). Context is echoed back in the response.
/// HeartbeatResponse: Reject = the follower's log ends (at RejectHint) before the Commit it was sent.
/// Snapshot: Index, LogTerm = the snapshot's last entry; the chunk in <see cref="Snapshot"/>.
/// SnapshotResponse: Index = the snapshot's index; RejectHint = the offset expected next; Reject = chunk refused.
/// Vote: LeaderTransfer = the candidate campaigns on the leader's TimeoutNow, so the lease does not hold it off.
/// </remarks>
public sealed record Message
{
    public required MessageType Type { get; init; }
    public required int From { get; init; }
    public required int To { get; init; }
    public required long Term { get; init; }
    public long LogTerm { get; init; }
    public long Index { get; init; }
    public long Commit { get; init; }
    public bool Reject { get; init; }
    public long RejectHint { get; init; }
    public long Context { get; init; }
    public IReadOnlyList<Entry> Entries { get; init; } = [];
    public SnapshotChunk? Snapshot { get; init; }
    public bool LeaderTransfer { get; init; }

    public override string ToString()
    {
        var text = $"{Type} {From}->{To} t{Term}";
        return Type switch
        {
            MessageType.Vote or MessageType.PreVote => $"{text} last={LogTerm}/{Index}",
            MessageType.VoteResponse or MessageType.PreVoteResponse => $"{text} {(Reject ? "reject" : "grant")}",
            MessageType.Append => $"{text} prev={LogTerm}/{Index} n={Entries.Count} commit={Commit}",
            MessageType.AppendResponse => Reject
                ? $"{text} reject idx={Index} hint={LogTerm}/{RejectHint}"
                : $"{text} ok idx={Index}",
            MessageType.Heartbeat => $"{text} commit={Commit}",
            MessageType.Snapshot => $"{text} {Snapshot}",
            MessageType.SnapshotResponse => $"{text} {(Reject ? "refused" : "ack")} {Index}@{RejectHint}",
            _ => text,
        };
    }
}

using Raft.Core.Members;
using Raft.Core.Messages;

namespace Raft.Core.Node;

/// <summary>
/// Checks a message's shape before the node looks at it, so that bad input from the network is reported
/// and changes nothing. Checks only what a message says about itself and the configuration; what it says
/// about our log is checked where the log is read.
/// </summary>
internal static class MessageValidator
{
    public static StepOutcome? Check(Message m, RaftConfig config, Membership membership)
    {
        if (!m.Type.IsDefined()) return StepOutcome.Malformed;
        if (m.To != config.Id) return StepOutcome.WrongRecipient;
        // Members, and any peer the deployment knows: a peer learns of memberships from the log, so one that
        // lags may not yet know the leader or a candidate is a voter, and must still answer them (dissertation
        // §4.1: servers process requests without consulting their configuration). A removed peer cannot
        // disrupt: it is not counted, and PreVote and the CheckQuorum lease hold off its elections (§4.2.3).
        if (m.From <= 0 || m.From == config.Id) return StepOutcome.UnknownPeer;
        if (!membership.Contains(m.From) && !config.IsKnownPeer(m.From)) return StepOutcome.UnknownPeer;
        if (m.Term < 0 || m.Index < 0 || m.LogTerm < 0 || m.Commit < 0 || m.RejectHint < 0) return StepOutcome.Malformed;
        if (m.Type is MessageType.Vote or MessageType.PreVote or MessageType.Append or MessageType.Snapshot && m.LogTerm > m.Term) return StepOutcome.Malformed;
        if (m.Entries.Count > 0 && (m.Type != MessageType.Append || !EntriesFollow(m))) return StepOutcome.Malformed;
        if ((m.Snapshot is not null) != (m.Type == MessageType.Snapshot)) return StepOutcome.Malformed;
        if (m.Snapshot is { } chunk && !ChunkIsWellFormed(m, chunk, config)) return StepOutcome.Malformed;
        return null;
    }

    private static bool ChunkIsWellFormed(Message m, Snapshots.SnapshotChunk chunk, RaftConfig config) =>
        chunk.Metadata is { Index: > 0, Term: > 0, Membership: not null } meta
        && meta.Index == m.Index && meta.Term == m.LogTerm
        && chunk.Offset >= 0 && chunk.TotalBytes >= 0 && chunk.TotalBytes <= config.MaxSnapshotBytes
        && chunk.Offset + chunk.Data.Length <= chunk.TotalBytes
        && (chunk.Data.Length > 0 || chunk.TotalBytes == 0);

    /// <summary>Entries must be contiguous after Index, with terms that never fall and never pass the message's term.</summary>
    private static bool EntriesFollow(Message m)
    {
        var expectedIndex = m.Index + 1;
        var previousTerm = m.LogTerm;
        foreach (var entry in m.Entries)
        {
            if (entry.Index != expectedIndex || entry.Term < previousTerm || entry.Term > m.Term || entry.Term <= 0) return false;
            if (!Enum.IsDefined(entry.Type)) return false;
            if (entry.Type == EntryType.Configuration && MembershipCodec.TryDecode(entry.Data.Span) is null) return false;
            expectedIndex++;
            previousTerm = entry.Term;
        }
        return true;
    }
}

using Raft.Core.Messages;

namespace Raft.Core.Node;

/// <summary>
/// Checks a message's shape before the node looks at it, so that bad input from the network is reported
/// and changes nothing. Checks only what a message says about itself and the configuration; what it says
/// about our log is checked where the log is read.
/// </summary>
internal static class MessageValidator
{
    public static StepOutcome? Check(Message m, RaftConfig config)
    {
        if (!m.Type.IsDefined()) return StepOutcome.Malformed;
        if (m.To != config.Id) return StepOutcome.WrongRecipient;
        if (m.From == config.Id || !config.Peers.Contains(m.From)) return StepOutcome.UnknownPeer;
        if (m.Term < 0 || m.Index < 0 || m.LogTerm < 0 || m.Commit < 0 || m.RejectHint < 0) return StepOutcome.Malformed;
        if (m.Type is MessageType.Vote or MessageType.PreVote or MessageType.Append && m.LogTerm > m.Term) return StepOutcome.Malformed;
        if (m.Entries.Count > 0 && (m.Type != MessageType.Append || !EntriesFollow(m))) return StepOutcome.Malformed;
        return null;
    }

    /// <summary>Entries must be contiguous after Index, with terms that never fall and never pass the message's term.</summary>
    private static bool EntriesFollow(Message m)
    {
        var expectedIndex = m.Index + 1;
        var previousTerm = m.LogTerm;
        foreach (var entry in m.Entries)
        {
            if (entry.Index != expectedIndex || entry.Term < previousTerm || entry.Term > m.Term || entry.Term <= 0) return false;
            if (!Enum.IsDefined(entry.Type)) return false;
            expectedIndex++;
            previousTerm = entry.Term;
        }
        return true;
    }
}

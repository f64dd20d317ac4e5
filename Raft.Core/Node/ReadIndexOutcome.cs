namespace Raft.Core.Node;

public enum ReadIndexOutcome : byte
{
    /// <summary>Queued; a <see cref="ReadState"/> with the same context arrives in a later Ready, unless leadership is lost first.</summary>
    Accepted = 0,
    /// <summary>Only the leader serves ReadIndex; the host forwards to the leader it names (0 when unknown).</summary>
    NotLeader,
    /// <summary>The context is zero or already pending; contexts must be unique and non-zero.</summary>
    BadContext,
}

namespace Raft.Core.Messages;

/// <summary>
/// The state that must be on stable storage before any message that depends on it leaves the peer
/// (Raft Figure 2 "persistent state"), plus the commit index, which is saved so a restarted peer need
/// not wait for a leader to learn what it already applied.
/// </summary>
public readonly record struct HardState(long Term, int VotedFor, long Commit)
{
    public static HardState Empty => default;

    public bool IsEmpty => this == default;

    public override string ToString() => $"term={Term} vote={VotedFor} commit={Commit}";
}

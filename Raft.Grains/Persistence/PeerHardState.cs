namespace Raft.Grains.Persistence;

/// <summary>
/// A peer's hard state as Orleans grain state (<c>IPersistentState&lt;PeerHardState&gt;</c>): Raft Figure 2's
/// persistent term and vote, the commit index (written lazily: an older one is always safe), and the
/// activation epoch that fences the log.
/// </summary>
[GenerateSerializer, Alias("raft.hard-state")]
public sealed class PeerHardState
{
    [Id(0)]
    public long Term { get; set; }

    [Id(1)]
    public int VotedFor { get; set; }

    [Id(2)]
    public long Commit { get; set; }

    /// <summary>
    /// Grows by one with every activation, written conditionally on the state's ETag before the activation
    /// claims the log with it. A second activation of the same peer therefore either fails its own write or
    /// makes every later write of the first one fail: only one can ever vote or append.
    /// </summary>
    [Id(3)]
    public long Epoch { get; set; }
}

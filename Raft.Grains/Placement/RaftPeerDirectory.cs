namespace Raft.Grains.Placement;

/// <summary>
/// The name of the grain directory peers register in. A peer's address follows from its placement, so
/// the silo serves this directory locally instead of from a partition that may sit on a dead silo.
/// </summary>
public static class RaftPeerDirectory
{
    public const string Name = "raft-peers";
}

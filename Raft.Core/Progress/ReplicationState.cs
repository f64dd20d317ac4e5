namespace Raft.Core.Progress;

/// <summary>How the leader sends to one follower (etcd's progress states).</summary>
public enum ReplicationState : byte
{
    /// <summary>The leader does not know where the follower's log matches: one Append per round trip.</summary>
    Probe = 0,
    /// <summary>The logs match up to Match: Appends stream, up to the in-flight cap.</summary>
    Replicate = 1,
    /// <summary>The follower needs entries the leader compacted: it is being sent the leader's snapshot, and no Appends.</summary>
    Snapshot = 2,
}

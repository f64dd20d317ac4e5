using Raft.Core.Members;

namespace Raft.Core.Snapshots;

/// <summary>The last entry a snapshot covers and the membership in effect there (Raft §7, dissertation §5.1).</summary>
public sealed record SnapshotMetadata(long Index, long Term, Membership Membership)
{
    public override string ToString() => $"snapshot {Term}/{Index} {Membership}";
}

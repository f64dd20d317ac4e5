namespace Raft.Core.Snapshots;

/// <summary>
/// A state machine image at <see cref="SnapshotMetadata.Index"/>: the opaque bytes the host's state machine
/// wrote (its data and client sessions), and what the core needs to resume the log after them.
/// </summary>
public sealed record Snapshot(SnapshotMetadata Metadata, ReadOnlyMemory<byte> Data)
{
    public long Index => Metadata.Index;

    public long Term => Metadata.Term;

    public override string ToString() => $"{Metadata} {Data.Length}B";
}

namespace Raft.Grains.StateMachine;

/// <summary>
/// A state machine snapshot failed verification (too short, wrong magic or version, length or checksum
/// mismatch, or a section that does not decode). Restoring it would silently diverge this peer from the
/// others, so it is refused and the state machine is left as it was.
/// </summary>
public sealed class SnapshotCorruptException : Exception
{
    public SnapshotCorruptException()
        : base("snapshot is corrupt")
    {
    }

    public SnapshotCorruptException(string message)
        : base($"snapshot is corrupt: {message}")
    {
    }

    public SnapshotCorruptException(string message, Exception innerException)
        : base($"snapshot is corrupt: {message}", innerException)
    {
    }
}

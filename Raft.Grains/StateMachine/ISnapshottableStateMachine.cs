using System.Buffers;

namespace Raft.Grains.StateMachine;

/// <summary>
/// A replicated state machine that can be captured and restored whole, for log compaction and for a peer
/// that catches up from a leader's snapshot (Raft §7). Snapshot bytes are deterministic: two peers that
/// applied the same entries write identical snapshots.
/// </summary>
public interface ISnapshottableStateMachine : IReplicatedStateMachine
{
    /// <summary>The index of the last entry applied (or restored); a snapshot covers the log up to here.</summary>
    long AppliedIndex { get; }

    /// <summary>Writes the whole state, framed with a length and checksum.</summary>
    void WriteSnapshot(IBufferWriter<byte> destination);

    /// <summary>
    /// Copies the state as it is now and returns what writes that copy as snapshot bytes (the same bytes
    /// <see cref="WriteSnapshot"/> would write now) to a destination. It may run later, once, on another
    /// thread, while entries go on being applied. By default the whole snapshot is written now.
    /// </summary>
    Action<IBufferWriter<byte>> FreezeSnapshot()
    {
        var buffer = new SegmentedBufferWriter();
        WriteSnapshot(buffer);
        return buffer.CopyTo;
    }

    /// <summary>
    /// Replaces the whole state with a snapshot's. A truncated or corrupt snapshot throws
    /// <see cref="SnapshotCorruptException"/> and leaves the current state untouched.
    /// </summary>
    void RestoreSnapshot(ReadOnlySpan<byte> snapshot);
}

using System.Buffers;
using System.Collections.Concurrent;
using Raft.Core.Messages;
using Raft.Grains;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Integration;

/// <summary>
/// The real key-value state machine, remembering how its peer's activation started it: the index of the
/// snapshot it was restored from (0 when none) and the first entry applied after that. Lets a test see that
/// a restarted peer resumes from its snapshot and applies only the tail.
/// </summary>
internal sealed class SnapshotRecordingStateMachine : ISnapshottableStateMachine
{
    private readonly KeyValueStateMachine _inner = new();

    /// <summary>AppliedIndex right after each restore, in order.</summary>
    public ConcurrentQueue<long> Restores { get; } = new();

    /// <summary>The first entry index handed to <see cref="Apply"/>, or 0 before any.</summary>
    public long FirstApplied { get; private set; }

    public long AppliedIndex => _inner.AppliedIndex;

    public ReadOnlyMemory<byte> Apply(Entry entry)
    {
        if (FirstApplied == 0) FirstApplied = entry.Index;
        return _inner.Apply(entry);
    }

    public string? PrepareProposal(Span<byte> command, long leaderTimeMs) => _inner.PrepareProposal(command, leaderTimeMs);

    public void WriteSnapshot(IBufferWriter<byte> destination) => _inner.WriteSnapshot(destination);

    public void RestoreSnapshot(ReadOnlySpan<byte> snapshot)
    {
        _inner.RestoreSnapshot(snapshot);
        Restores.Enqueue(_inner.AppliedIndex);
    }
}

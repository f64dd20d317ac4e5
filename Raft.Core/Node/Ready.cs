using Raft.Core.Messages;
using Raft.Core.Snapshots;

namespace Raft.Core.Node;

/// <summary>
/// A batch of work the host must carry out, in this order, before calling <see cref="RaftNode.Advance"/>:
/// <list type="number">
/// <item>Persist <see cref="Snapshot"/> when not null (a snapshot received from the leader): it replaces the
/// stored snapshot, and the stored log too unless that holds the snapshot's last entry (Raft §7).</item>
/// <item>Persist <see cref="HardState"/> (when not null) and <see cref="Entries"/> in one transaction;
/// entries replace any stored entries at the same or higher indexes. When <see cref="MustSync"/> is set,
/// sync before going on (Raft §5: a vote or an acknowledgement must not leave before what it promises is
/// durable).</item>
/// <item>Send <see cref="Messages"/>. Order between peers does not matter; they may be lost.
/// <see cref="EarlyMessages"/> may leave before the write, or with the others after it.</item>
/// <item>Restore the state machine from <see cref="Snapshot"/> when not null, then apply
/// <see cref="CommittedEntries"/> to it in order.</item>
/// </list>
/// </summary>
public sealed class Ready
{
    /// <summary>A complete snapshot from the leader to install; the log already starts after it.</summary>
    public Snapshot? Snapshot { get; init; }

    public required HardState? HardState { get; init; }
    public required IReadOnlyList<Entry> Entries { get; init; }
    public required IReadOnlyList<Message> Messages { get; init; }

    /// <summary>
    /// Messages that may leave while this Ready's write is in flight: a leader's appends and heartbeats
    /// (dissertation §10.2.1; they promise nothing about the leader's disk, because the leader counts its own
    /// log toward a commit only once the log is stable), or a follower's heartbeat responses. Empty when the
    /// Ready changes the term or vote.
    /// </summary>
    public IReadOnlyList<Message> EarlyMessages { get; init; } = [];
    public required IReadOnlyList<Entry> CommittedEntries { get; init; }

    /// <summary>Confirmed read indexes: serve each read once this peer has applied up to its index.</summary>
    public IReadOnlyList<ReadState> ReadStates { get; init; } = [];

    /// <summary>Term, vote or entries changed: the write must reach stable storage before messages leave.</summary>
    public required bool MustSync { get; init; }

    public override string ToString() =>
        $"Ready({(Snapshot is null ? "" : $"{Snapshot} ")}hs={(HardState?.ToString() ?? "-")} entries={Entries.Count} msgs={Messages.Count} early={EarlyMessages.Count} apply={CommittedEntries.Count} sync={MustSync})";
}

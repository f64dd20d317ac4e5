using Raft.Core.Messages;

namespace Raft.Core.Node;

/// <summary>
/// A batch of work the host must carry out, in this order, before calling <see cref="RaftNode.Advance"/>:
/// <list type="number">
/// <item>Persist <see cref="HardState"/> (when not null) and <see cref="Entries"/> in one transaction;
/// entries replace any stored entries at the same or higher indexes. When <see cref="MustSync"/> is set,
/// sync before going on (Raft §5: a vote or an acknowledgement must not leave before what it promises is
/// durable).</item>
/// <item>Send <see cref="Messages"/>. Order between peers does not matter; they may be lost.</item>
/// <item>Apply <see cref="CommittedEntries"/> to the state machine in order.</item>
/// </list>
/// </summary>
public sealed class Ready
{
    public required HardState? HardState { get; init; }
    public required IReadOnlyList<Entry> Entries { get; init; }
    public required IReadOnlyList<Message> Messages { get; init; }
    public required IReadOnlyList<Entry> CommittedEntries { get; init; }

    /// <summary>Confirmed read indexes: serve each read once this peer has applied up to its index.</summary>
    public IReadOnlyList<ReadState> ReadStates { get; init; } = [];

    /// <summary>Term, vote or entries changed: the write must reach stable storage before messages leave.</summary>
    public required bool MustSync { get; init; }

    public override string ToString() =>
        $"Ready(hs={(HardState?.ToString() ?? "-")} entries={Entries.Count} msgs={Messages.Count} apply={CommittedEntries.Count} sync={MustSync})";
}

using Raft.Core.Node;
using Raft.Core.Snapshots;

namespace Raft.Grains;

/// <summary>What one peer grain is configured with: its Raft configuration and the host-side timings.</summary>
public sealed record RaftPeerGrainSettings
{
    public required RaftConfig Raft { get; init; }

    /// <summary>Wall-clock time per <see cref="RaftNode.Tick"/>; election and heartbeat timeouts are counted in ticks.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long <see cref="IRaftPeerGrain.ProposeAsync"/> waits for its entry to apply before answering Timeout.</summary>
    public TimeSpan ProposeTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>When the peer snapshots its state machine and compacts its log (used when the state machine can be snapshotted).</summary>
    public SnapshotPolicy Snapshots { get; init; } = new();

    /// <summary>At most this often a change of the commit index alone is written to the hard state.</summary>
    public TimeSpan CommitFlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Period of the reminder that wakes the peer when nobody calls it (after its silo restarts); Orleans'
    /// minimum reminder period is one minute by default.
    /// </summary>
    public TimeSpan WakeReminderPeriod { get; init; } = TimeSpan.FromMinutes(1);
}

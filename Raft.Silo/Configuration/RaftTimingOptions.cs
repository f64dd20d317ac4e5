namespace Raft.Silo.Configuration;

/// <summary>Raft timings: the tick the silo drives each peer with, and timeouts counted in ticks.</summary>
public sealed class RaftTimingOptions
{
    public int TickIntervalMs { get; set; } = 100;

    /// <summary>A follower campaigns after [ElectionTicks, 2*ElectionTicks) ticks without a leader.</summary>
    public int ElectionTicks { get; set; } = 10;

    public int HeartbeatTicks { get; set; } = 1;

    /// <summary>How long a proposal waits to be applied before it is answered Timeout.</summary>
    public int ProposeTimeoutMs { get; set; } = 5000;

    /// <summary>Period of the reminder that wakes a peer nobody calls (after its silo restarts); Orleans' minimum is lowered to match.</summary>
    public int WakeReminderPeriodMs { get; set; } = 60_000;

    /// <summary>
    /// At a graceful stop, how long a leading peer of this silo may spend handing leadership to the most
    /// caught-up voter before the silo goes on stopping; 0 turns the handoff off.
    /// </summary>
    public int StopHandoffTimeoutMs { get; set; } = 5000;
}

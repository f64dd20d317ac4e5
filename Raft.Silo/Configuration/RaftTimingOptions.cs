namespace Raft.Silo.Configuration;

/// <summary>Raft timings: the tick the silo drives each peer with, and timeouts counted in ticks.</summary>
public sealed class RaftTimingOptions
{
    /// <summary>
    /// With the defaults an election timeout is 100-200 ms and a heartbeat goes every 20 ms, so a dead leader is
    /// replaced in about a quarter of a second (the Raft paper measured a 287 ms median with 150-155 ms
    /// timeouts). PreVote and CheckQuorum keep a short timeout from deposing a leader that is only slow.
    /// </summary>
    public int TickIntervalMs { get; set; } = 10;

    /// <summary>A follower campaigns after [ElectionTicks, 2*ElectionTicks) ticks without a leader.</summary>
    public int ElectionTicks { get; set; } = 10;

    public int HeartbeatTicks { get; set; } = 2;

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

namespace Raft.Simulator.Cluster;

/// <summary>How the simulated network misbehaves. Every value is drawn from the seed or set by a test.</summary>
public sealed record NetworkOptions
{
    public int MinLatencyMs { get; init; } = 1;
    public int MaxLatencyMs { get; init; } = 5;
    public double DropRate { get; init; }
    public double DuplicateRate { get; init; }
    /// <summary>Share of messages held back for a long time, which reorders them behind many others.</summary>
    public double LongDelayRate { get; init; }
    public int LongDelayMaxMs { get; init; } = 1000;

    public static NetworkOptions Reliable { get; } = new();

    /// <summary>The 6.824 lab's unreliable network: a tenth of messages lost, the rest delayed up to 27 ms.</summary>
    public static NetworkOptions Unreliable { get; } = new() { MaxLatencyMs = 27, DropRate = 0.1 };

    public override string ToString() =>
        $"latency={MinLatencyMs}-{MaxLatencyMs}ms drop={DropRate:P0} dup={DuplicateRate:P0} longDelay={LongDelayRate:P1}/{LongDelayMaxMs}ms";
}

namespace Raft.Grains.Dashboard;

/// <summary>Commit latencies a peer measured recently, in milliseconds; all zero with <see cref="Count"/> 0.</summary>
[GenerateSerializer, Alias("raft.latency-summary")]
public readonly record struct LatencySummary(int Count, double P50Ms, double P99Ms, double MaxMs);

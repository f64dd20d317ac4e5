namespace Raft.Client.Bench;

/// <summary>The outcome of a bench run; latencies are of successful operations, in milliseconds.</summary>
internal sealed record BenchReport(
    int Operations,
    int Concurrency,
    long Succeeded,
    long Failed,
    long Reads,
    long Writes,
    double ElapsedSeconds,
    double OpsPerSecond,
    double P50Milliseconds,
    double P99Milliseconds,
    double MaxMilliseconds,
    IReadOnlyDictionary<string, long> ErrorsByCode);

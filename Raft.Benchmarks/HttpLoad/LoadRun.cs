namespace Raft.Benchmarks.HttpLoad;

/// <summary>
/// One measured run of a load: throughput of acknowledged operations, their latency percentiles, and the
/// failed operations by what failed them ("HTTP 503", "timeout", an exception's name).
/// </summary>
internal sealed record LoadRun(long Succeeded, double ElapsedSeconds, double P50Milliseconds, double P99Milliseconds, IReadOnlyDictionary<string, long> Errors)
{
    public double OpsPerSecond => ElapsedSeconds > 0 ? Succeeded / ElapsedSeconds : 0;

    public long Failed => Errors.Values.Sum();
}

using System.Collections.Concurrent;
using System.Diagnostics;
using Raft.Client.Cluster;

namespace Raft.Client.Bench;

/// <summary>
/// Runs a closed-loop load: each worker takes the next operation number, performs it, records its latency,
/// and takes the next, until all are taken. A failed operation is counted under its error code and the run
/// goes on, so a refusing or unreachable cluster shows up in the report instead of ending it.
/// </summary>
internal sealed class BenchRunner
{
    private readonly ClusterSession _cluster;
    private readonly BenchOptions _options;
    private readonly string _value;

    public BenchRunner(ClusterSession cluster, BenchOptions options)
    {
        _cluster = cluster;
        _options = options;
        // One value for every put: the bench measures the cluster, not the random number generator.
        _value = new string('x', options.ValueSizeBytes);
    }

    /// <param name="onOperationDone">Called after every operation, from any worker (drives the progress bar).</param>
    public async Task<BenchReport> RunAsync(Action? onOperationDone, CancellationToken cancellationToken)
    {
        if (_options.ReadRatio > 0) await SeedKeysAsync(cancellationToken).ConfigureAwait(false);

        var errors = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var histograms = new LatencyHistogram[_options.Concurrency];
        long taken = 0, reads = 0, writes = 0;
        var total = Stopwatch.StartNew();

        async Task WorkerAsync(int worker)
        {
            var histogram = histograms[worker] = new LatencyHistogram();
            // Seeded per worker: the read/write mix is the same from run to run.
            var random = new Random(worker);
            long operation;
            while ((operation = Interlocked.Increment(ref taken)) <= _options.Operations)
            {
                var key = "bench-" + (operation % _options.Keys);
                var isRead = random.NextDouble() < _options.ReadRatio;
                Interlocked.Increment(ref isRead ? ref reads : ref writes);
                var started = Stopwatch.GetTimestamp();
                try
                {
                    if (isRead) await _cluster.GetAsync(key, stale: false, cancellationToken).ConfigureAwait(false);
                    else await _cluster.PutAsync(key, _value, ttlSeconds: null, cancellationToken).ConfigureAwait(false);
                    histogram.Record(Stopwatch.GetElapsedTime(started));
                }
                catch (ClusterErrorException e)
                {
                    errors.AddOrUpdate(e.Code, 1, (_, n) => n + 1);
                }
                catch (ClusterUnreachableException)
                {
                    errors.AddOrUpdate(ErrorCodes.Unreachable, 1, (_, n) => n + 1);
                }
                onOperationDone?.Invoke();
            }
        }

        await Task.WhenAll(Enumerable.Range(0, _options.Concurrency).Select(w => Task.Run(() => WorkerAsync(w), cancellationToken))).ConfigureAwait(false);
        total.Stop();

        var merged = new LatencyHistogram();
        foreach (var histogram in histograms) merged.Add(histogram);
        var elapsedSeconds = Math.Max(total.Elapsed.TotalSeconds, 1e-9);
        return new BenchReport(
            _options.Operations,
            _options.Concurrency,
            Succeeded: merged.Count,
            Failed: errors.Values.Sum(),
            Reads: reads,
            Writes: writes,
            ElapsedSeconds: total.Elapsed.TotalSeconds,
            OpsPerSecond: merged.Count / elapsedSeconds,
            P50Milliseconds: merged.PercentileMicroseconds(50) / 1000.0,
            P99Milliseconds: merged.PercentileMicroseconds(99) / 1000.0,
            MaxMilliseconds: merged.MaxMicroseconds / 1000.0,
            ErrorsByCode: new SortedDictionary<string, long>(errors, StringComparer.Ordinal));
    }

    /// <summary>Writes every key once, untimed, so that reads find values instead of counting not-found.</summary>
    private async Task SeedKeysAsync(CancellationToken cancellationToken)
    {
        var keys = Enumerable.Range(0, _options.Keys).Select(k => "bench-" + k);
        await Parallel.ForEachAsync(
            keys,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (key, ct) => await _cluster.PutAsync(key, _value, ttlSeconds: null, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }
}

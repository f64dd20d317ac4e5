using System.Diagnostics;
using Raft.Benchmarks.Cluster;
using Raft.Client.Bench;

namespace Raft.Benchmarks.HttpLoad;

/// <summary>
/// Runs loads against one cluster through its <see cref="KvHttpApi"/>: closed-loop clients, each taking the next
/// operation number, sending one request, waiting for its answer, and taking the next until all are taken.
/// A failed operation is counted by what failed it and the run goes on. Latency is from just before the
/// request is sent to its whole answer read, for acknowledged operations only (HTTP 2xx).
/// </summary>
internal sealed class HttpLoadRunner(KvHttpApi api, HttpTargets targets)
{
    private long _puts;
    private bool _readKeysWritten;

    public async Task<LoadRun> RunAsync(LoadSpec spec, int leader, int operations, CancellationToken cancellationToken = default)
    {
        if (spec.Operation == LoadOperation.LinearizableGet) await WriteReadKeysAsync(leader, cancellationToken).ConfigureAwait(false);
        var histograms = new LatencyHistogram[spec.Clients];
        var errors = new Dictionary<string, long>[spec.Clients];
        long taken = 0;

        async Task ClientAsync(int client)
        {
            var member = spec.Spread ? client % targets.Urls.Count : leader;
            var (http, url) = (targets[member], targets.Urls[member]);
            var histogram = histograms[client] = new LatencyHistogram();
            var failures = errors[client] = new Dictionary<string, long>(StringComparer.Ordinal);
            long operation;
            while ((operation = Interlocked.Increment(ref taken)) <= operations)
            {
                using var request = spec.Operation == LoadOperation.Put
                    ? api.Put(url, LoadKeys.Put(Interlocked.Increment(ref _puts)), LoadKeys.Value)
                    : api.LinearizableGet(url, LoadKeys.Read(operation));
                var started = Stopwatch.GetTimestamp();
                var failure = await SendAsync(http, request, cancellationToken).ConfigureAwait(false);
                if (failure is null) histogram.Record(Stopwatch.GetElapsedTime(started));
                else failures[failure] = failures.GetValueOrDefault(failure) + 1;
            }
        }

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, spec.Clients).Select(c => Task.Run(() => ClientAsync(c), cancellationToken))).ConfigureAwait(false);
        watch.Stop();

        var merged = new LatencyHistogram();
        foreach (var histogram in histograms) merged.Add(histogram);
        var allErrors = errors.SelectMany(e => e).GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(e => e.Value), StringComparer.Ordinal);
        return new LoadRun(merged.Count, watch.Elapsed.TotalSeconds, merged.PercentileMicroseconds(50) / 1000.0, merged.PercentileMicroseconds(99) / 1000.0, allErrors);
    }

    /// <summary>Null when the request was acknowledged, else what failed it.</summary>
    private static async Task<string?> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            // The default completion reads the whole answer before returning, so its time is in the latency.
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timeout";
        }
        catch (HttpRequestException e)
        {
            return e.HttpRequestError.ToString();
        }
    }

    /// <summary>Writes the get load's keys once, untimed, so that every get finds a value.</summary>
    private async Task WriteReadKeysAsync(int leader, CancellationToken cancellationToken)
    {
        if (_readKeysWritten) return;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, LoadKeys.ReadKeyCount),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (n, ct) =>
            {
                using var request = api.Put(targets.Urls[leader], LoadKeys.Read(n), LoadKeys.Value);
                if (await SendAsync(targets[leader], request, ct).ConfigureAwait(false) is { } failure)
                {
                    throw new HttpRequestException($"{api.Name}: writing the get load's key {LoadKeys.Read(n)} failed: {failure}");
                }
            }).ConfigureAwait(false);
        _readKeysWritten = true;
    }
}

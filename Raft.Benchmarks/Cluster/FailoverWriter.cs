using System.Diagnostics;
using System.Net.Http.Json;

namespace Raft.Benchmarks.Cluster;

/// <summary>
/// One client writing keys one at a time through the HTTP API, moving to the next silo on any failure,
/// and remembering when each write was acknowledged.
/// </summary>
internal sealed class FailoverWriter(HttpClient http, string[] urls)
{
    private readonly Lock _lock = new();
    private readonly List<long> _acknowledgedAt = [];

    public int Acknowledged
    {
        get { lock (_lock) return _acknowledgedAt.Count; }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var silo = 0;
        var key = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await http.PutAsJsonAsync(new Uri($"{urls[silo]}/kv/failover-{key}"), new { value = "v" }, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    lock (_lock) _acknowledgedAt.Add(Stopwatch.GetTimestamp());
                    key++;
                    continue;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                if (cancellationToken.IsCancellationRequested) return;
            }
            silo = (silo + 1) % urls.Length;
        }
    }

    public async Task WaitForWritesAsync(int count)
    {
        var target = Acknowledged + count;
        while (Acknowledged < target) await Task.Delay(10).ConfigureAwait(false);
    }

    /// <summary>The time of the first write acknowledged after <paramref name="timestamp"/>.</summary>
    public async Task<long> NextWriteAfterAsync(long timestamp)
    {
        while (true)
        {
            lock (_lock)
            {
                var index = _acknowledgedAt.FindIndex(t => t > timestamp);
                if (index >= 0) return _acknowledgedAt[index];
            }
            await Task.Delay(1).ConfigureAwait(false);
        }
    }
}

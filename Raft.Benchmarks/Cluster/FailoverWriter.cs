using System.Diagnostics;

namespace Raft.Benchmarks.Cluster;

/// <summary>
/// One client writing keys one at a time through a cluster's HTTP API (ours or etcd's), moving to the next
/// member on any failure, and remembering when each acknowledged write was invoked and when it was
/// acknowledged. How long one attempt may take is the HttpClient's timeout.
/// </summary>
internal sealed class FailoverWriter(HttpClient http, KvHttpApi api, string[] urls)
{
    private readonly Lock _lock = new();
    private readonly List<(long InvokedAt, long AcknowledgedAt)> _writes = [];

    public int Acknowledged
    {
        get { lock (_lock) return _writes.Count; }
    }

    /// <summary>The member the writer currently sends to (it moves on after a failure).</summary>
    public int CurrentMember { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var key = 0L;
        while (!cancellationToken.IsCancellationRequested)
        {
            var invokedAt = Stopwatch.GetTimestamp();
            try
            {
                using var request = api.Put(urls[CurrentMember], $"failover-{key}", "v");
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    lock (_lock) _writes.Add((invokedAt, Stopwatch.GetTimestamp()));
                    key++;
                    continue;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                if (cancellationToken.IsCancellationRequested) return;
            }
            CurrentMember = (CurrentMember + 1) % urls.Length;
        }
    }

    /// <summary>The longest time from invocation to acknowledgement of the writes invoked in [from, to).</summary>
    public TimeSpan SlowestWriteInvokedBetween(long from, long to)
    {
        lock (_lock)
        {
            return _writes.Where(w => w.InvokedAt >= from && w.InvokedAt < to)
                .Select(w => Stopwatch.GetElapsedTime(w.InvokedAt, w.AcknowledgedAt))
                .DefaultIfEmpty(TimeSpan.FromTicks(Stopwatch.GetElapsedTime(from, to).Ticks))
                .Max();
        }
    }

    public async Task WaitForWritesAsync(int count)
    {
        var target = Acknowledged + count;
        while (Acknowledged < target) await Task.Delay(10).ConfigureAwait(false);
    }

    /// <summary>
    /// When the first write invoked after <paramref name="timestamp"/> was acknowledged. A write already in
    /// flight at that moment may have committed just before it, so it does not count (its wait, if it is
    /// stuck, still delays the next write and so counts).
    /// </summary>
    public async Task<long> NextWriteAfterAsync(long timestamp)
    {
        while (true)
        {
            lock (_lock)
            {
                var index = _writes.FindIndex(w => w.InvokedAt > timestamp);
                if (index >= 0) return _writes[index].AcknowledgedAt;
            }
            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The longest pause in write availability over [from, to]: the largest gap between consecutive
    /// acknowledgements, counting from the last one before <paramref name="from"/> (and up to
    /// <paramref name="to"/> when nothing was acknowledged after it).
    /// </summary>
    public TimeSpan LongestPauseBetween(long from, long to)
    {
        long[] acks;
        lock (_lock) acks = [.. _writes.Select(w => w.AcknowledgedAt).Order()];
        var before = acks.Where(a => a < from).DefaultIfEmpty(from).Max();
        var inside = acks.Where(a => a >= from && a <= to).Append(to).ToArray();
        return inside.Prepend(before).Zip(inside, (a, b) => Stopwatch.GetElapsedTime(a, b)).Max();
    }
}

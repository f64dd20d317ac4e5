using System.Diagnostics;
using System.Globalization;

namespace Raft.Benchmarks.Cluster;

/// <summary>
/// The failover measurement on any <see cref="LocalCluster"/> through its <see cref="KvHttpApi"/>: one
/// <see cref="FailoverWriter"/> puts keys while each round SIGKILLs the leader's process and times the gap from
/// the kill to the acknowledgement of the first write invoked after it (through a survivor: the writer
/// moves on from the dead member), then starts the killed member again exactly as it ran and waits for it
/// to serve. With <c>killFollower</c> it kills a follower the writer does not talk to instead, and the
/// round's figure is the slowest write invoked in the 5 s after the kill: calls between the live members
/// must not stall on the dead one.
/// </summary>
internal static class FailoverTrials
{
    private static readonly TimeSpan StallWindow = TimeSpan.FromSeconds(5);

    /// <summary>Writes acknowledged before a round starts, so that the writer is past its warm-up and the restarted member's.</summary>
    private const int SettleWrites = 20;

    /// <param name="attemptTimeout">How long one write may take before the writer moves to the next member;
    /// it bounds how much a write stuck on a member that cannot serve adds to a gap.</param>
    /// <returns>Each round's gap in milliseconds, in round order.</returns>
    public static async Task<IReadOnlyList<double>> RunAsync(
        KvHttpApi api, LocalCluster cluster, int rounds, bool killFollower, TimeSpan attemptTimeout, TextWriter log)
    {
        using var http = new HttpClient { Timeout = attemptTimeout };
        // Leader look-ups and serving checks are not what is timed: a slow answer must not count as none.
        using var control = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var writer = new FailoverWriter(http, api, cluster.Urls);
        using var stop = new CancellationTokenSource();
        var writing = writer.RunAsync(stop.Token);
        await writer.WaitForWritesAsync(SettleWrites).ConfigureAwait(false);

        var gaps = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var leader = await api.FindLeaderAsync(control, cluster.Urls).ConfigureAwait(false);
            var member = killFollower ? Enumerable.Range(0, cluster.Urls.Length).First(m => m != leader && m != writer.CurrentMember) : leader;
            var launch = cluster.LaunchOf(member);
            var killedAt = Stopwatch.GetTimestamp();
            // Local wall-clock time, as the members' logs stamp their lines: a round can be read against them.
            var killedClock = DateTime.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
            cluster.Kill(member);
            double gap;
            if (killFollower)
            {
                await Task.Delay(StallWindow).ConfigureAwait(false);
                gap = writer.SlowestWriteInvokedBetween(killedAt, Stopwatch.GetTimestamp()).TotalMilliseconds;
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{api.Name} round {round + 1}: killed member {member} (a follower) at {killedClock}; slowest write in the next {StallWindow.TotalSeconds:F0} s took {gap:F0} ms")).ConfigureAwait(false);
            }
            else
            {
                var next = await writer.NextWriteAfterAsync(killedAt).ConfigureAwait(false);
                gap = Stopwatch.GetElapsedTime(killedAt, next).TotalMilliseconds;
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{api.Name} round {round + 1}: killed member {member} (leader) at {killedClock}; next acknowledged write after {gap:F0} ms")).ConfigureAwait(false);
            }
            gaps.Add(gap);
            await cluster.StartAgainAsync(member, launch).ConfigureAwait(false);
            await api.WaitForServingAsync(control, cluster.Urls[member]).ConfigureAwait(false);
            await writer.WaitForWritesAsync(SettleWrites).ConfigureAwait(false);
        }
        await stop.CancelAsync().ConfigureAwait(false);
        await writing.ConfigureAwait(false);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{api.Name}: {(killFollower ? "slowest write after a follower's kill" : "failover")} over {rounds} rounds: min {gaps.Min():F0} ms, median {Median.Of(gaps):F0} ms, max {gaps.Max():F0} ms; {writer.Acknowledged} writes acknowledged")).ConfigureAwait(false);
        return gaps;
    }
}

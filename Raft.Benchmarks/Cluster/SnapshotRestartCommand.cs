using System.Diagnostics;
using System.Globalization;
using Raft.TestCluster;

namespace Raft.Benchmarks.Cluster;

/// <summary>
/// "snapshot-restart [writes] [on|off|both]": what a snapshot saves a restarting peer. A one-silo cluster on
/// SQLite takes the writes (puts to 1,000 keys, 64 in flight), is stopped gracefully and started again; the
/// figure is the time from the start call until the peer has applied everything again: the silo's start
/// (which waits for its peer's activation: claim, load the log or snapshot + tail) plus the replay of the
/// committed entries. "off" keeps the whole log, "on" runs the silo's default snapshot policy.
/// </summary>
internal static class SnapshotRestartCommand
{
    public const string Name = "snapshot-restart";

    public static async Task<int> RunAsync(string[] args)
    {
        var writes = 100_000;
        var modes = args.Length > 1 ? args[1] : "both";
        if (args.Length > 2 || (args.Length > 0 && (!int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out writes) || writes <= 0))
            || modes is not (SnapshotBenchCluster.On or SnapshotBenchCluster.Off or "both"))
        {
            await Console.Error.WriteLineAsync($"usage: {Name} [writes > 0] [on|off|both]").ConfigureAwait(false);
            return 2;
        }
        foreach (var mode in modes == "both" ? [SnapshotBenchCluster.Off, SnapshotBenchCluster.On] : new[] { modes })
            await MeasureAsync(writes, mode).ConfigureAwait(false);
        return 0;
    }

    private static async Task MeasureAsync(int writes, string snapshots)
    {
        await using var cluster = await SnapshotBenchCluster.StartAsync(snapshots).ConfigureAwait(false);
        var silo = cluster.Silo(0);
        await cluster.WaitForLeaderAsync().ConfigureAwait(false);
        var writing = Stopwatch.StartNew();
        var last = await PutLoad.WriteAsync(silo, writes, keys: 1_000, concurrency: 64).ConfigureAwait(false);
        writing.Stop();
        var before = (await silo.PeerStatusesAsync().ConfigureAwait(false))[0];

        await cluster.StopSiloAsync(silo).ConfigureAwait(false);
        var restart = Stopwatch.StartNew();
        await cluster.RestartSiloAsync(silo).ConfigureAwait(false);
        var started = restart.Elapsed;
        await cluster.WaitForAppliedAsync(last).ConfigureAwait(false);
        restart.Stop();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"snapshots {snapshots}: {writes} writes in {writing.Elapsed.TotalSeconds:F1} s ({writes / writing.Elapsed.TotalSeconds:F0}/s); " +
            $"before the restart {SnapshotBenchCluster.Describe(before)}; " +
            $"restart: silo started in {started.TotalMilliseconds:F0} ms, applied {last} again after {restart.Elapsed.TotalMilliseconds:F0} ms"));
    }
}

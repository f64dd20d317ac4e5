using System.Diagnostics;
using System.Globalization;
using Raft.TestCluster;

namespace Raft.Benchmarks.Cluster;

/// <summary>
/// "silo-memory [writes] [keys] [on|off]": the silo's memory as its log grows. A one-silo cluster on SQLite
/// (in this process, so the process is the silo) takes puts to a fixed set of keys, 64 in flight; after
/// every tenth of the writes it prints the process's resident set (RSS), the GC heap after a full
/// collection, and the peer's log length and snapshot index. With snapshots "on" (the default policy) the
/// log, and so the memory, should stay flat once the keys are written; "off" keeps every entry in memory.
/// </summary>
internal static class SiloMemoryCommand
{
    public const string Name = "silo-memory";

    public static async Task<int> RunAsync(string[] args)
    {
        var writes = 1_000_000;
        var keys = 1_000;
        var snapshots = args.Length > 2 ? args[2] : SnapshotBenchCluster.On;
        if (args.Length > 3
            || (args.Length > 0 && (!int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out writes) || writes < 10))
            || (args.Length > 1 && (!int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out keys) || keys <= 0))
            || snapshots is not (SnapshotBenchCluster.On or SnapshotBenchCluster.Off))
        {
            await Console.Error.WriteLineAsync($"usage: {Name} [writes >= 10] [keys > 0] [on|off]").ConfigureAwait(false);
            return 2;
        }
        await using var cluster = await SnapshotBenchCluster.StartAsync(snapshots).ConfigureAwait(false);
        var silo = cluster.Silo(0);
        await cluster.WaitForLeaderAsync().ConfigureAwait(false);
        Report(0, TimeSpan.Zero, (await silo.PeerStatusesAsync().ConfigureAwait(false))[0], snapshots);

        var step = writes / 10;
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < writes; done += step)
        {
            var count = Math.Min(step, writes - done);
            await PutLoad.WriteAsync(silo, count, keys, concurrency: 64, offset: done).ConfigureAwait(false);
            Report(done + count, watch.Elapsed, (await silo.PeerStatusesAsync().ConfigureAwait(false))[0], snapshots);
        }
        return 0;
    }

    private static void Report(int writes, TimeSpan elapsed, Raft.Core.Node.PeerStatus status, string snapshots)
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        var rate = elapsed > TimeSpan.Zero ? writes / elapsed.TotalSeconds : 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"snapshots {snapshots}: {writes,8} writes, {elapsed.TotalSeconds,6:F0} s ({rate,5:F0}/s): RSS {process.WorkingSet64 / (1 << 20),5} MiB, " +
            $"GC heap {heap / (1 << 20),5} MiB; {SnapshotBenchCluster.Describe(status)}"));
    }
}

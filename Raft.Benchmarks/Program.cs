using BenchmarkDotNet.Running;
using Raft.Benchmarks.Cluster;
using Raft.Benchmarks.HttpLoad;
using Raft.Benchmarks.Storage;
using Raft.Benchmarks.VsEtcd;

namespace Raft.Benchmarks;

/// <summary>
/// BenchmarkDotNet's switcher over every benchmark in this assembly (`--filter '*Step*'`, `'*Storage*'`),
/// plus stopwatch measurements: `storage-append [sqlite|postgres] [batches]`, `grain-storage-write [writes]` and
/// `failover STATE_DIR [rounds]` (SIGKILL the leader's silo of a local cluster, time the next acknowledged write),
/// `handoff STATE_DIR [rounds] [transfer|stop]` (move leadership on purpose, time the longest pause in writes),
/// `snapshot-restart [writes] [on|off|both]` (restart time with and without snapshots),
/// `silo-memory [writes] [keys] [on|off]` (RSS and GC heap as the log grows) and
/// `vs-etcd --etcd-state DIR --raft-state DIR ...` (ours against etcd, side by side: deploy/bench-vs-etcd.sh) and
/// `load STATE_DIR ...` (one of its loads alone, on one running cluster).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == FailoverCommand.Name) return await FailoverCommand.RunAsync(args[1..]).ConfigureAwait(false);
        if (args.Length > 0 && args[0] == HandoffCommand.Name) return await HandoffCommand.RunAsync(args[1..]).ConfigureAwait(false);
        if (args.Length > 0 && args[0] == StorageAppendCommand.Name) return await StorageAppendCommand.RunAsync(args[1..]).ConfigureAwait(false);
        if (args.Length > 0 && args[0] == SnapshotRestartCommand.Name) return await SnapshotRestartCommand.RunAsync(args[1..]).ConfigureAwait(false);
        if (args.Length > 0 && args[0] == SiloMemoryCommand.Name) return await SiloMemoryCommand.RunAsync(args[1..]).ConfigureAwait(false);
        if (args.Length > 0 && args[0] == LoadCommand.Name) return await LoadCommand.RunAsync(args[1..]).ConfigureAwait(false);
        if (args.Length > 0 && args[0] == VsEtcdCommand.Name) return await VsEtcdCommand.RunAsync(args[1..]).ConfigureAwait(false);
        if (args.Length > 0 && args[0] == GrainStorageWriteCommand.Name) return await GrainStorageWriteCommand.RunAsync(args[1..]).ConfigureAwait(false);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

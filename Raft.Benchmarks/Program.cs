using BenchmarkDotNet.Running;
using Raft.Benchmarks.Storage;

namespace Raft.Benchmarks;

/// <summary>
/// BenchmarkDotNet's switcher over every benchmark in this assembly (`--filter '*Step*'`, `'*Storage*'`),
/// plus three stopwatch measurements: `transport` (loopback silo-to-silo throughput),
/// `storage-append [sqlite|postgres] [batches]` and `grain-storage-write [writes]`.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args is ["transport", ..])
        {
            await TransportThroughput.RunAsync().ConfigureAwait(false);
            return 0;
        }
        if (args.Length > 0 && args[0] == StorageAppendCommand.Name) return await StorageAppendCommand.RunAsync(args[1..]).ConfigureAwait(false);
        if (args.Length > 0 && args[0] == GrainStorageWriteCommand.Name) return await GrainStorageWriteCommand.RunAsync(args[1..]).ConfigureAwait(false);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

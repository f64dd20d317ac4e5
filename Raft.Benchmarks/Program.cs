using BenchmarkDotNet.Running;
using Raft.Benchmarks.Storage;

namespace Raft.Benchmarks;

/// <summary>
/// BenchmarkDotNet's switcher over every benchmark in this assembly (`--filter '*Step*'`, `'*Storage*'`),
/// plus a stopwatch measurement: `storage-append [sqlite|postgres] [batches]`.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == StorageAppendCommand.Name) return await StorageAppendCommand.RunAsync(args[1..]).ConfigureAwait(false);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

using BenchmarkDotNet.Running;
using Raft.Benchmarks.Storage;

namespace Raft.Benchmarks;

/// <summary>
/// BenchmarkDotNet's switcher over every benchmark in this assembly (pass --filter '*Storage*'), plus
/// "storage-append [sqlite|postgres] [batches]", a quick stopwatch measurement for one backend.
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

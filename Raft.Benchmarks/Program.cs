using BenchmarkDotNet.Running;

namespace Raft.Benchmarks;

/// <summary>
/// `dotnet run -c Release --project Raft.Benchmarks -- --filter '*Step*'` runs BenchmarkDotNet classes;
/// `-- transport` runs the loopback transport measurement.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args is ["transport", ..])
        {
            await TransportThroughput.RunAsync();
            return 0;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}

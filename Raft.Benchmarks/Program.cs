namespace Raft.Benchmarks;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args is ["transport", ..])
        {
            await TransportThroughput.RunAsync();
        }
        return 0;
    }
}

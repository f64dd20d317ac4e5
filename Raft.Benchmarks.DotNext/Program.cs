namespace Raft.Benchmarks.DotNext;

/// <summary>One member of the dotNext comparison cluster: <see cref="NodeOptions.Usage"/>. deploy/bench-vs-etcd.sh starts three.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        var (options, error) = NodeOptions.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"{error}\n{NodeOptions.Usage}").ConfigureAwait(false);
            return 2;
        }
        await KvNode.RunAsync(options).ConfigureAwait(false);
        return 0;
    }
}

using System.Globalization;

namespace Raft.Benchmarks.Cluster;

/// <summary>
/// "failover STATE_DIR [rounds] [leader|follower]": <see cref="FailoverTrials"/> against a cluster started by
/// deploy/start-local-cluster.sh (its state folder holds cluster.json and pids): SIGKILL the leader's silo,
/// time the gap to the next acknowledged write, start it again; or kill a follower and report the slowest
/// write of the next 5 s. Uses only the HTTP API and process signals, so it measures any version of the silo.
/// deploy/bench-vs-etcd.sh runs the same trials on etcd beside ours.
/// </summary>
internal static class FailoverCommand
{
    public const string Name = "failover";

    /// <summary>One write's time limit here: the figures in README's "Benchmarks" were measured with it.</summary>
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(string[] args)
    {
        var killFollower = args.Length == 3 && args[2] == "follower";
        var rounds = 5;
        if (args.Length is < 1 or > 3 || (args.Length >= 2 && (!int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out rounds) || rounds < 1))
            || (args.Length == 3 && !killFollower && args[2] != "leader"))
        {
            await Console.Error.WriteLineAsync($"usage: {Name} STATE_DIR [rounds >= 1] [leader|follower]").ConfigureAwait(false);
            return 2;
        }
        await FailoverTrials.RunAsync(RaftHttpApi.Instance, LocalCluster.OfSilos(args[0]), rounds, killFollower, AttemptTimeout, Console.Out).ConfigureAwait(false);
        return 0;
    }
}

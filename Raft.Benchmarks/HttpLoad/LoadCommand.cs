using System.Globalization;
using Raft.Benchmarks.Cluster;

namespace Raft.Benchmarks.HttpLoad;

/// <summary>
/// "load STATE_DIR [--etcd | --dotnext] [--clients N] [--spread] [--get] [--ops N] [--runs N]": one of the
/// comparison's loads, alone, on one running cluster (ours from deploy/start-local-cluster.sh, or with --etcd
/// or --dotnext the etcd or dotNext cluster of bench-vs-etcd.sh --keep-state, its etcd/ or dotnext/ folder),
/// so that a change or a profile can be measured in a minute instead of the whole comparison's ten. Prints
/// each run the way vs-etcd does.
/// </summary>
internal static class LoadCommand
{
    public const string Name = "load";

    private const string Usage = "usage: load STATE_DIR [--etcd | --dotnext] [--clients N (64)] [--spread] [--get] [--ops N (10000)] [--runs N (3)]";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            await Console.Error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }
        var (api, spread, get, clients, operations, runs) = ((KvHttpApi)RaftHttpApi.Instance, false, false, 64, 10_000, 3);
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--etcd": api = EtcdGatewayApi.Instance; break;
                case "--dotnext": api = DotNextKvApi.Instance; break;
                case "--spread": spread = true; break;
                case "--get": get = true; break;
                case "--clients" or "--ops" or "--runs" when i + 1 < args.Length
                    && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0:
                    if (args[i] == "--clients") clients = count;
                    else if (args[i] == "--ops") operations = count;
                    else runs = count;
                    i++;
                    break;
                default:
                    await Console.Error.WriteLineAsync($"bad option {args[i]}\n{Usage}").ConfigureAwait(false);
                    return 2;
            }
        }
        var cluster = api == RaftHttpApi.Instance ? LocalCluster.OfSilos(args[0]) : LocalCluster.OfEndpoints(args[0]);
        var spec = new LoadSpec(get ? LoadOperation.LinearizableGet : LoadOperation.Put, clients, spread);
        using var control = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var targets = new HttpTargets(cluster.Urls, clients, TimeSpan.FromSeconds(10));
        var leader = await api.FindLeaderAsync(control, cluster.Urls).ConfigureAwait(false);
        var runner = new HttpLoadRunner(api, targets);
        await runner.RunAsync(spec, leader, Math.Max(100, operations / 10)).ConfigureAwait(false);
        for (var run = 1; run <= runs; run++)
        {
            var result = await runner.RunAsync(spec, leader, operations).ConfigureAwait(false);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{api.Name} | {spec.Label} | run {run}/{runs}: {result.OpsPerSecond:N0} ops/s, p50 {result.P50Milliseconds:0.00} ms, p99 {result.P99Milliseconds:0.00} ms, {result.Failed} failed (leader: member {leader})"));
        }
        return 0;
    }
}

using System.Globalization;
using Raft.Benchmarks.Cluster;
using Raft.Benchmarks.HttpLoad;

namespace Raft.Benchmarks.VsEtcd;

/// <summary>
/// "vs-etcd ...": ours against etcd and against a minimal server on dotNext's Raft, on the same machine, in one
/// run (deploy/bench-vs-etcd.sh starts the three clusters and runs this). Each of <see cref="LoadSpec.Standard"/>'s
/// loads runs on etcd, then on dotNext, then on ours, with the same <see cref="HttpLoadRunner"/>: a warm-up,
/// then the measured runs. Then every member's RSS, then <see cref="FailoverTrials"/> on each in the same
/// order, and last the <see cref="ComparisonTable"/>. A load or a failover that fails is reported as failed
/// and the rest goes on. No figure is judged here: it is a measurement, not a test.
/// </summary>
internal static class VsEtcdCommand
{
    public const string Name = "vs-etcd";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    /// <summary>No request of a load should take this long; one that does counts as a "timeout" failure.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan FailoverTimeout = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var (options, error) = VsEtcdOptions.Parse(args);
        if (options is null)
        {
            await Console.Error.WriteLineAsync($"{error}\n{VsEtcdOptions.Usage}").ConfigureAwait(false);
            return 2;
        }
        // Ours last: the table's ratios are ours over each of the others.
        var systems = new (KvHttpApi Api, LocalCluster Cluster)[]
        {
            (EtcdGatewayApi.Instance, LocalCluster.OfEndpoints(options.EtcdState)),
            (DotNextKvApi.Instance, LocalCluster.OfEndpoints(options.DotNextState)),
            (RaftHttpApi.Instance, LocalCluster.OfSilos(options.RaftState)),
        };
        using var control = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using (var starting = new CancellationTokenSource(StartTimeout))
        {
            foreach (var (api, cluster) in systems)
            {
                foreach (var url in cluster.Urls) await api.WaitForServingAsync(control, url, starting.Token).ConfigureAwait(false);
            }
        }
        var headings = new[]
        {
            $"etcd {await EtcdGatewayApi.VersionAsync(control, systems[0].Cluster.Urls[0]).ConfigureAwait(false)}",
            $"dotNext {await DotNextKvApi.VersionAsync(control, systems[1].Cluster.Urls[0]).ConfigureAwait(false)}",
            RaftHttpApi.Instance.Name,
        };

        var loads = LoadSpec.Standard;
        var results = systems.Select(_ => new LoadResult?[loads.Count]).ToArray();
        var maxClients = loads.Max(l => l.Clients);
        var targets = systems.Select(s => new HttpTargets(s.Cluster.Urls, maxClients, RequestTimeout)).ToArray();
        try
        {
            var runners = systems.Select((s, i) => new HttpLoadRunner(s.Api, targets[i])).ToArray();
            for (var load = 0; load < loads.Count; load++)
            {
                for (var s = 0; s < systems.Length; s++)
                {
                    results[s][load] = await MeasureAsync(systems[s].Api, systems[s].Cluster, runners[s], loads[load], options, control).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            foreach (var target in targets) target.Dispose();
        }

        // After the loads and before the failovers, which start members afresh.
        var rss = systems.Select(s => s.Cluster.Pids.Select(ProcessRss.ReadKiB).ToArray()).ToArray();
        var failover = new double?[systems.Length];
        for (var s = 0; s < systems.Length; s++)
        {
            try
            {
                var gaps = await FailoverTrials.RunAsync(systems[s].Api, systems[s].Cluster, options.Trials, killFollower: false, options.AttemptTimeout, Console.Out)
                    .WaitAsync(FailoverTimeout).ConfigureAwait(false);
                failover[s] = Median.Of(gaps);
            }
            catch (Exception e) when (e is TimeoutException or HttpRequestException or IOException or InvalidOperationException)
            {
                Console.WriteLine($"{systems[s].Api.Name}: failover failed: {e.Message}");
            }
        }

        var figures = systems.Select((s, i) => new SystemFigures(s.Api.Name, headings[i], results[i], failover[i], rss[i])).ToArray();
        Console.WriteLine();
        Console.Write(ComparisonTable.Format(options, loads, figures[..^1], figures[^1]));
        return 0;
    }

    private static async Task<LoadResult?> MeasureAsync(KvHttpApi api, LocalCluster cluster, HttpLoadRunner runner, LoadSpec load, VsEtcdOptions options, HttpClient control)
    {
        try
        {
            using var finding = new CancellationTokenSource(StartTimeout);
            var leader = await api.FindLeaderAsync(control, cluster.Urls, finding.Token).ConfigureAwait(false);
            await runner.RunAsync(load, leader, options.WarmUpOperations).ConfigureAwait(false);
            var runs = new List<LoadRun>();
            for (var run = 0; run < options.Runs; run++)
            {
                var result = await runner.RunAsync(load, leader, options.Operations).ConfigureAwait(false);
                runs.Add(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{api.Name} | {load.Label} | run {run + 1}/{options.Runs}: {result.OpsPerSecond:N0} ops/s, p50 {result.P50Milliseconds:0.00} ms, p99 {result.P99Milliseconds:0.00} ms, {result.Failed} failed{Describe(result.Errors)} (leader: member {leader})"));
            }
            return LoadResult.Of(runs);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
        {
            Console.WriteLine($"{api.Name} | {load.Label}: failed: {e.Message}");
            return null;
        }
    }

    private static string Describe(IReadOnlyDictionary<string, long> errors) =>
        errors.Count == 0 ? "" : " (" + string.Join(", ", errors.Select(e => $"{e.Key}: {e.Value}")) + ")";
}

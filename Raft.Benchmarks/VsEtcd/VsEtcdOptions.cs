using System.Globalization;

namespace Raft.Benchmarks.VsEtcd;

/// <summary>
/// "vs-etcd --etcd-state DIR --dotnext-state DIR --raft-state DIR [--ops N] [--runs N] [--trials N]
/// [--attempt-timeout-ms N]": the three clusters' state folders (deploy/bench-vs-etcd.sh writes etcd's and
/// dotNext's, deploy/start-local-cluster.sh ours), operations per measured run, runs per load (the table shows
/// their median), failover trials per system, and how long one failover write may take before the writer
/// tries the next member.
/// </summary>
internal sealed record VsEtcdOptions(string EtcdState, string DotNextState, string RaftState, int Operations, int Runs, int Trials, TimeSpan AttemptTimeout)
{
    public const string Usage =
        "usage: vs-etcd --etcd-state DIR --dotnext-state DIR --raft-state DIR [--ops N (10000)] [--runs N (3)] [--trials N (5)] [--attempt-timeout-ms N (200)]";

    /// <summary>Operations before each load's measured runs, not measured: connections opened, code compiled, caches warm.</summary>
    public int WarmUpOperations => Math.Max(100, Operations / 10);

    /// <summary>The options, or null and what is wrong with <paramref name="args"/>.</summary>
    public static (VsEtcdOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? etcd = null, dotNext = null, raft = null;
        int operations = 10_000, runs = 3, trials = 5, attemptMs = 200;
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count) return (null, $"{args[i]} needs a value");
            var (name, value) = (args[i], args[i + 1]);
            var error = name switch
            {
                "--etcd-state" => Text(value, out etcd),
                "--dotnext-state" => Text(value, out dotNext),
                "--raft-state" => Text(value, out raft),
                "--ops" => Count(name, value, out operations),
                "--runs" => Count(name, value, out runs),
                "--trials" => Count(name, value, out trials),
                "--attempt-timeout-ms" => Count(name, value, out attemptMs),
                _ => $"unknown option {name}",
            };
            if (error is not null) return (null, error);
        }
        if (etcd is null || dotNext is null || raft is null) return (null, "--etcd-state, --dotnext-state and --raft-state are required");
        return (new VsEtcdOptions(etcd, dotNext, raft, operations, runs, trials, TimeSpan.FromMilliseconds(attemptMs)), null);
    }

    private static string? Text(string value, out string text)
    {
        text = value;
        return null;
    }

    private static string? Count(string name, string value, out int count) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out count) && count > 0 ? null : $"{name} takes a whole number above 0, not '{value}'";
}

using System.CommandLine;
using Raft.Client.Bench;
using Raft.Client.Output;
using Spectre.Console;

namespace Raft.Client.Commands;

/// <summary><c>bench</c>: a closed-loop load of puts (and optionally gets), with a live progress bar at a terminal.</summary>
internal static class BenchCommand
{
    public static Command Create(ICommandHost host)
    {
        var ops = new Option<int>("--ops", "-n") { Description = "Operations in total", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Concurrent workers", DefaultValueFactory = _ => 8 }.AtLeast(1);
        var valueSize = new Option<int>("--value-size") { Description = "Bytes per value", HelpName = "BYTES", DefaultValueFactory = _ => 100 }.AtLeast(0);
        var keys = new Option<int>("--keys") { Description = "Distinct keys the operations spread over", DefaultValueFactory = _ => 100 }.AtLeast(1);
        var readRatio = new Option<double>("--read-ratio") { Description = "Share of operations that are gets, 0 to 1", DefaultValueFactory = _ => 0 }
            .Check(ratio => ratio is >= 0 and <= 1, "--read-ratio must be between 0 and 1");

        var command = new Command("bench", "Measure throughput and latency of puts (and gets)") { ops, concurrency, valueSize, keys, readRatio };
        return command.WithBody(host, async c =>
        {
            var options = new BenchOptions(
                c.Parse.GetValue(ops), c.Parse.GetValue(concurrency), c.Parse.GetValue(valueSize), c.Parse.GetValue(keys), c.Parse.GetValue(readRatio));
            var runner = new BenchRunner(c.Cluster, options);
            var report = c.Console.IsInteractive && !c.Output.Json
                ? await RunWithProgressAsync(runner, options, c).ConfigureAwait(false)
                : await runner.RunAsync(onOperationDone: null, c.Cancellation).ConfigureAwait(false);
            c.Output.Result(report, BenchReportRenderer.Lines(report));
            return ExitCodeOf(report);
        });
    }

    /// <summary>0 when every operation succeeded; 3 when none did and only for want of a cluster; else 1.</summary>
    internal static int ExitCodeOf(BenchReport report)
    {
        if (report.Failed == 0) return ExitCodes.Success;
        var onlyClusterErrors = report.ErrorsByCode.Keys.All(code => ExitCodes.ForErrorCode(code) == ExitCodes.ClusterUnreachable);
        return report.Succeeded == 0 && onlyClusterErrors ? ExitCodes.ClusterUnreachable : ExitCodes.OperationFailed;
    }

    private static async Task<BenchReport> RunWithProgressAsync(BenchRunner runner, BenchOptions options, CommandContext c)
    {
        var console = SpectreConsoleFactory.Create(c.Output.Out, interactive: true);
        BenchReport? report = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"bench ({options.Concurrency} workers)", maxValue: options.Operations);
                // ProgressTask.Increment takes a lock: safe from every worker.
                report = await runner.RunAsync(() => task.Increment(1), c.Cancellation).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return report!;
    }
}

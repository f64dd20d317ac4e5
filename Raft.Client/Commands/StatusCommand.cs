using System.CommandLine;
using Raft.Client.Output;
using Raft.Client.Watch;
using Spectre.Console;

namespace Raft.Client.Commands;

/// <summary>
/// <c>status</c>: the cluster's peers as a table; <c>status --node</c>: the role and term of the silo behind the
/// first live gateway listed; <c>status --watch</c>: the cluster redrawn every interval until Ctrl-C.
/// </summary>
internal static class StatusCommand
{
    /// <summary>Each poll asks every peer for its status; faster than this, the watch would load what it watches.</summary>
    public const int MinimumIntervalMs = 100;

    public const int MaximumIntervalMs = 3_600_000;

    public static Command Create(ICommandHost host)
    {
        var node = new Option<bool>("--node") { Description = "Only the role and term of the silo behind the first live gateway listed" };
        var watch = new Option<bool>("--watch", "-w") { Description = "Redraw live until Ctrl-C: every peer, the commit rate, leader changes, commit latency (one line per poll when not a terminal, one JSON object per poll with --json)" };
        var interval = new Option<int>("--interval")
        {
            Description = "With --watch: milliseconds between polls",
            HelpName = "MS",
            DefaultValueFactory = _ => 500,
        }.Between(MinimumIntervalMs, MaximumIntervalMs, "ms");
        var command = new Command("status", "Show the cluster: every peer's role, term, log indexes and snapshot, the leader marked") { node, watch, interval };
        command.Validators.Add(result =>
        {
            if (result.GetValue(watch) && result.GetValue(node)) result.AddError("--watch shows the whole cluster; it does not combine with --node");
            if (!result.GetValue(watch) && result.GetResult(interval) is { Implicit: false }) result.AddError("--interval needs --watch");
        });
        return command.WithBody(host, async c =>
        {
            if (c.Parse.GetValue(watch))
            {
                await WatchAsync(c, TimeSpan.FromMilliseconds(c.Parse.GetValue(interval))).ConfigureAwait(false);
                return ExitCodes.Success;
            }

            if (c.Parse.GetValue(node))
            {
                var own = await c.Cluster.GetNodeStatusAsync(c.Cancellation).ConfigureAwait(false);
                c.Output.Result(own, $"{own.Role} (term {own.Term})");
                return ExitCodes.Success;
            }

            var status = await c.Cluster.GetClusterStatusAsync(c.Cancellation).ConfigureAwait(false);
            if (c.Output.Json) c.Output.WriteJson(status);
            else StatusTableRenderer.Render(status, SpectreConsoleFactory.Create(c.Output.Out, c.Console.IsInteractive));
            return ExitCodes.Success;
        });
    }

    /// <summary>NDJSON with --json; a live screen at a terminal; otherwise a line per poll, so a log of it reads as a timeline.</summary>
    private static async Task WatchAsync(CommandContext c, TimeSpan interval)
    {
        var watch = new StatusWatch(c.Cluster, c.Console.Time, interval);
        if (c.Output.Json)
        {
            await watch.RunAsync(c.Output.WriteJson, c.Cancellation).ConfigureAwait(false);
        }
        else if (c.Console.IsInteractive)
        {
            var console = SpectreConsoleFactory.Create(c.Output.Out, interactive: true);
            // The last screen stays when Ctrl-C ends the watch.
            await console.Live(WatchScreenRenderer.Waiting).AutoClear(false).StartAsync(live => watch.RunAsync(frame =>
            {
                live.UpdateTarget(WatchScreenRenderer.Render(frame, interval));
                live.Refresh();
            }, c.Cancellation)).ConfigureAwait(false);
        }
        else
        {
            await watch.RunAsync(frame => c.Output.Out.WriteLine(WatchLineRenderer.Line(frame)), c.Cancellation).ConfigureAwait(false);
        }
    }
}

using System.CommandLine;
using Raft.Client.Output;

namespace Raft.Client.Commands;

/// <summary><c>status</c>: the cluster's peers as a table; <c>status --node</c>: the role and term of the silo behind the first live gateway listed.</summary>
internal static class StatusCommand
{
    public static Command Create(ICommandHost host)
    {
        var node = new Option<bool>("--node") { Description = "Only the role and term of the silo behind the first live gateway listed" };
        var command = new Command("status", "Show the cluster: every peer's role, term, log indexes and snapshot, the leader marked") { node };
        return command.WithBody(host, async c =>
        {
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
}

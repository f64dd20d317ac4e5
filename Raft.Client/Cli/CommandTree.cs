using System.CommandLine;
using Raft.Client.Commands;

namespace Raft.Client.Cli;

/// <summary>The console's grammar: the global options and every command, with their actions routed through a host.</summary>
internal static class CommandTree
{
    public static RootCommand Build(GlobalOptions global, ICommandHost host)
    {
        var root = new RootCommand("Raft client console: a key-value store and message queue replicated by Raft.");
        foreach (var option in global.All) root.Options.Add(option);
        foreach (var command in KvCommands.Create(host)) root.Subcommands.Add(command);
        foreach (var command in QueueCommands.Create(host)) root.Subcommands.Add(command);
        root.Subcommands.Add(StatusCommand.Create(host));
        foreach (var command in MemberCommands.Create(host)) root.Subcommands.Add(command);
        root.Subcommands.Add(BenchCommand.Create(host));

        var shell = new Command("shell", "Interactive prompt (raft> ) with history; reads commands from stdin when piped");
        shell.SetAction((parse, cancellationToken) => host.RunShellAsync(parse, cancellationToken));
        root.Subcommands.Add(shell);
        return root;
    }
}

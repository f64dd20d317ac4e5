using Microsoft.Extensions.Logging;
using Raft.Client.Cluster;

namespace Raft.Client;

/// <summary>The process entry: wires the real console, an Orleans connector and Ctrl-C into <see cref="ClientApp"/>.</summary>
internal static class Program
{
    /// <summary>Names a log level (Warning, Information, Debug, ...) to see Orleans' own log on stderr; unset, Orleans is silent.</summary>
    public const string OrleansLogVariable = "RAFT_CLIENT_LOG";

    private static async Task<int> Main(string[] args)
    {
        using var cancellation = new CancellationTokenSource();
        // First Ctrl-C cancels the running command cleanly (exit 130); a second one kills the process as usual.
        Console.CancelKeyPress += (_, e) =>
        {
            if (cancellation.IsCancellationRequested) return;
            e.Cancel = true;
            cancellation.Cancel();
        };
        var logLevel = Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable(OrleansLogVariable), ignoreCase: true, out var level) ? level : LogLevel.None;
        return await ClientApp.RunAsync(args, ClientConsole.FromSystemConsole(), new OrleansClusterConnector(logLevel), cancellation.Token).ConfigureAwait(false);
    }
}

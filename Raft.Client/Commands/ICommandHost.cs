using System.CommandLine;

namespace Raft.Client.Commands;

/// <summary>
/// Runs command bodies: supplies the shared <see cref="Cluster.ClusterSession"/> (connecting on first use) and turns exceptions into one-line
/// errors and exit codes, so a body is only the happy path plus the refusals it reports itself.
/// </summary>
internal interface ICommandHost
{
    Task<int> RunAsync(ParseResult parse, Func<CommandContext, Task<int>> body, CancellationToken cancellationToken);

    Task<int> RunShellAsync(ParseResult parse, CancellationToken cancellationToken);
}

using System.CommandLine;
using Raft.Client.Cli;
using Raft.Client.Cluster;
using Raft.Client.Commands;
using Raft.Client.Output;
using Raft.Client.Shell;

namespace Raft.Client;

/// <summary>
/// The console as a callable: parses a command line, runs it, returns the exit code. <see cref="Program"/>
/// calls it with the real console and an Orleans connector; tests call it with captured writers and a fake
/// cluster. One instance is one client session: one connection, one exactly-once client id, shared by every
/// command of a shell.
/// </summary>
internal sealed class ClientApp : ICommandHost, IAsyncDisposable
{
    private readonly ClientConsole _console;
    private readonly IClusterConnector _connector;
    private readonly GlobalOptions _global;
    private readonly RootCommand _root;

    // Fixed by the first command (or by "shell") from its gateway, cluster and timeout options; a shell's lines reuse them.
    private ClusterConnectionSettings? _settings;

    // Opened by the first command that needs the cluster, then kept: a shell connects once and numbers all its writes in one session.
    private IClusterConnection? _connection;
    private ClusterSession? _session;

    // Inside a shell, --json given to "shell" applies to every line.
    private bool _shellJson;
    private bool _inShell;

    private ClientApp(ClientConsole console, IClusterConnector connector)
    {
        _console = console;
        _connector = connector;
        _global = new GlobalOptions(console.GetEnvironmentVariable ?? Environment.GetEnvironmentVariable);
        _root = CommandTree.Build(_global, this);
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, ClientConsole console, IClusterConnector connector, CancellationToken cancellationToken = default)
    {
        await using var app = new ClientApp(console, connector);
        return await app.RunArgsAsync(args, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync().ConfigureAwait(false);
    }

    async Task<int> ICommandHost.RunAsync(ParseResult parse, Func<CommandContext, Task<int>> body, CancellationToken cancellationToken)
    {
        var output = new CommandOutput(_console.Out, _console.Error, _shellJson || parse.GetValue(_global.Json));
        try
        {
            var session = await GetOrConnectAsync(parse, cancellationToken).ConfigureAwait(false);
            return await body(new CommandContext(session, output, _console, parse, cancellationToken)).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            output.Error("usage", e.Message);
            return ExitCodes.UsageError;
        }
        catch (ClusterErrorException e)
        {
            output.Error(e.Code, Describe(e));
            return ExitCodes.ForErrorCode(e.Code);
        }
        catch (ClusterUnreachableException e)
        {
            output.Error(ErrorCodes.Unreachable, e.Message);
            return ExitCodes.ClusterUnreachable;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            output.Error("cancelled", "cancelled");
            return ExitCodes.Cancelled;
        }
    }

    async Task<int> ICommandHost.RunShellAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (_inShell) return ExitCodes.UsageError;
        try
        {
            // Bad connection options end the shell before its first prompt; connecting waits for the first command.
            _settings ??= ReadSettings(parse);
        }
        catch (UsageException e)
        {
            new CommandOutput(_console.Out, _console.Error, parse.GetValue(_global.Json)).Error("usage", e.Message);
            return ExitCodes.UsageError;
        }
        _inShell = true;
        _shellJson = parse.GetValue(_global.Json);
        return await new ShellSession(_console, RunArgsAsync).RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> RunArgsAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var parse = _root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // One line, not System.CommandLine's help dump: scripts read stderr, people can ask for --help.
            var json = _shellJson || args.Contains("--json");
            var message = string.Join("; ", parse.Errors.Select(e => e.Message)) + " (see --help)";
            new CommandOutput(_console.Out, _console.Error, json).Error("usage", message);
            return ExitCodes.UsageError;
        }

        var invocation = new InvocationConfiguration
        {
            Output = _console.Out,
            Error = _console.Error,
            EnableDefaultExceptionHandler = false,
            // Ctrl-C is Program's job (it cancels the token); System.CommandLine must not install its own handler.
            ProcessTerminationTimeout = null,
        };
        return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ClusterSession> GetOrConnectAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (_session is not null) return _session;
        var settings = _settings ??= ReadSettings(parse);
        _connection = await _connector.ConnectAsync(settings, cancellationToken).ConfigureAwait(false);
        return _session = new ClusterSession(_connection, settings.Timeout);
    }

    /// <exception cref="UsageException">The gateways are malformed, named twice, or the cluster file cannot be used.</exception>
    private ClusterConnectionSettings ReadSettings(ParseResult parse)
    {
        IReadOnlyList<GatewayAddress> gateways;
        if (parse.GetValue(_global.ClusterFile) is { } clusterFile)
        {
            if (parse.GetResult(_global.Gateways) is { Implicit: false }) throw new UsageException("--gateways and --cluster-file both name the gateways; give one of them");
            try
            {
                gateways = ClusterFileGateways.Read(clusterFile);
            }
            catch (FormatException e)
            {
                throw new UsageException($"--cluster-file: {e.Message}");
            }
        }
        else
        {
            try
            {
                gateways = GatewayList.Parse(parse.GetRequiredValue(_global.Gateways));
            }
            catch (FormatException e)
            {
                throw new UsageException($"--gateways: {e.Message}");
            }
        }
        return new ClusterConnectionSettings(gateways, parse.GetRequiredValue(_global.ClusterId), TimeSpan.FromSeconds(parse.GetValue(_global.TimeoutSeconds)));
    }

    private static string Describe(ClusterErrorException e) => e.CurrentVersion is { } current
        ? $"{e.Message} (current version {current})"
        : e.Message;
}

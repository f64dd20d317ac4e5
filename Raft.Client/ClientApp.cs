using System.CommandLine;
using Raft.Client.Api;
using Raft.Client.Cli;
using Raft.Client.Commands;
using Raft.Client.Output;
using Raft.Client.Shell;

namespace Raft.Client;

/// <summary>
/// The console as a callable: parses a command line, runs it, returns the exit code. <see cref="Program"/>
/// calls it with the real console; tests call it with captured writers. One instance is one client
/// session: one HttpClient, one exactly-once client id, shared by every command of a shell.
/// </summary>
internal sealed class ClientApp : ICommandHost, IDisposable
{
    private readonly ClientConsole _console;
    private readonly GlobalOptions _global;
    private readonly RootCommand _root;
    private readonly HttpClient _http;

    // Created by the first command from its --endpoints/--timeout; the shell's lines reuse it.
    private ApiClient? _api;

    // Inside a shell, --json given to "shell" applies to every line.
    private bool _shellJson;
    private bool _inShell;

    private ClientApp(ClientConsole console)
    {
        _console = console;
        _global = new GlobalOptions(console.GetEnvironmentVariable ?? Environment.GetEnvironmentVariable);
        _root = CommandTree.Build(_global, this);
        _http = new HttpClient(new SocketsHttpHandler
        {
            // Refused connections fail at once; this bounds a silent black hole. Attempts have their own timeout.
            ConnectTimeout = TimeSpan.FromSeconds(3),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, ClientConsole console, CancellationToken cancellationToken = default)
    {
        using var app = new ClientApp(console);
        return await app.RunArgsAsync(args, cancellationToken).ConfigureAwait(false);
    }

    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, TextReader? input = null, CancellationToken cancellationToken = default) =>
        RunAsync(args, new ClientConsole(output, error, input ?? TextReader.Null), cancellationToken);

    public void Dispose() => _http.Dispose();

    async Task<int> ICommandHost.RunAsync(ParseResult parse, Func<CommandContext, Task<int>> body, CancellationToken cancellationToken)
    {
        var output = new CommandOutput(_console.Out, _console.Error, _shellJson || parse.GetValue(_global.Json));
        try
        {
            var api = GetOrCreateApi(parse);
            return await body(new CommandContext(api, output, _console, parse, cancellationToken)).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            output.Error("usage", e.Message);
            return ExitCodes.UsageError;
        }
        catch (ApiException e)
        {
            output.Error(e.Code, Describe(e));
            return ExitCodes.ForErrorCode(e.Code);
        }
        catch (ClusterUnreachableException e)
        {
            output.Error(ApiErrorCodes.Unreachable, e.Message);
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
            GetOrCreateApi(parse);
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

    private ApiClient GetOrCreateApi(ParseResult parse)
    {
        if (_api is not null) return _api;
        EndpointList endpoints;
        try
        {
            endpoints = EndpointList.Parse(parse.GetRequiredValue(_global.Endpoints));
        }
        catch (FormatException e)
        {
            throw new UsageException($"--endpoints: {e.Message}");
        }
        return _api = new ApiClient(_http, endpoints, TimeSpan.FromSeconds(parse.GetValue(_global.TimeoutSeconds)));
    }

    private static string Describe(ApiException e) => e.CurrentVersion is { } current
        ? $"{e.Message} (current version {current})"
        : e.Message;
}

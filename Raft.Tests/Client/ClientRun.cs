using Raft.Client;

namespace Raft.Tests.Client;

/// <summary>What one in-process run of the console printed and returned.</summary>
internal sealed record ClientRun(int ExitCode, string Out, string Err)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>Runs the console through <see cref="ClientApp.RunAsync(IReadOnlyList{string}, ClientConsole, CancellationToken)"/>,
    /// non-interactive, with no environment (RAFT_ENDPOINTS on the machine must not matter).</summary>
    public static Task<ClientRun> RunAsync(params string[] args) => RunWithInputAsync("", args);

    public static async Task<ClientRun> RunWithInputAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var console = new ClientConsole(output, error, input, IsInteractive: false, GetEnvironmentVariable: _ => null);
        var exitCode = await ClientApp.RunAsync(args, console, TestContext.Current.CancellationToken);
        return new ClientRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Err}";
}

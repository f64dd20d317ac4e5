using Raft.Client;
using Raft.Client.Cluster;

namespace Raft.Tests.Client;

/// <summary>What one in-process run of the console printed and returned.</summary>
internal sealed record ClientRun(int ExitCode, string Out, string Err)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    /// <summary>Runs the console through <see cref="ClientApp.RunAsync"/>, non-interactive, with no
    /// environment (RAFT_GATEWAYS on the machine must not matter), connecting through <paramref name="connector"/>.</summary>
    public static Task<ClientRun> RunAsync(IClusterConnector connector, params string[] args) => RunWithInputAsync(connector, "", args);

    public static Task<ClientRun> RunWithInputAsync(IClusterConnector connector, string stdin, params string[] args) =>
        RunWithEnvironmentAsync(connector, stdin, _ => null, args);

    public static Task<ClientRun> RunWithEnvironmentAsync(IClusterConnector connector, string stdin, Func<string, string?> environment, params string[] args) =>
        RunConsoleAsync(connector, new ClientConsole(TextWriter.Null, TextWriter.Null, new StringReader(stdin), GetEnvironmentVariable: environment), TestContext.Current.CancellationToken, args);

    /// <summary>Runs the console on <paramref name="clock"/> until it ends or <paramref name="cancellationToken"/> is cancelled (the test's Ctrl-C).</summary>
    public static Task<ClientRun> RunWithClockAsync(IClusterConnector connector, TimeProvider clock, CancellationToken cancellationToken, params string[] args) =>
        RunConsoleAsync(connector, new ClientConsole(TextWriter.Null, TextWriter.Null, TextReader.Null, GetEnvironmentVariable: _ => null, Clock: clock), cancellationToken, args);

    /// <summary>Runs the console as <paramref name="console"/> says, with its writers replaced by captured ones.</summary>
    public static async Task<ClientRun> RunConsoleAsync(IClusterConnector connector, ClientConsole console, CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await ClientApp.RunAsync(args, console with { Out = output, Error = error }, connector, cancellationToken);
        return new ClientRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Err}";
}

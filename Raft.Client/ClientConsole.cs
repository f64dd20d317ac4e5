namespace Raft.Client;

/// <summary>
/// Where the console reads and writes, and the clock it watches by, so tests can run it in-process with
/// captured text and their own time.
/// <see cref="IsInteractive"/> means a person is at a terminal: progress bars, colours and the line editor
/// are used only then.
/// </summary>
/// <param name="GetEnvironmentVariable">Looks up RAFT_GATEWAYS; tests pass their own to stay independent of the machine.</param>
/// <param name="ReadKey">Reads one key for the shell's line editor; used only when interactive.</param>
/// <param name="Clock">Times <c>status --watch</c>'s polls and rates; null: the system clock.</param>
internal sealed record ClientConsole(
    TextWriter Out,
    TextWriter Error,
    TextReader In,
    bool IsInteractive = false,
    Func<string, string?>? GetEnvironmentVariable = null,
    Func<ConsoleKeyInfo>? ReadKey = null,
    TimeProvider? Clock = null)
{
    public TimeProvider Time => Clock ?? TimeProvider.System;

    /// <summary>The process's own console; interactive when neither input nor output is redirected.</summary>
    public static ClientConsole FromSystemConsole() => new(
        Console.Out,
        Console.Error,
        Console.In,
        IsInteractive: !Console.IsInputRedirected && !Console.IsOutputRedirected,
        Environment.GetEnvironmentVariable,
        () => Console.ReadKey(intercept: true));
}

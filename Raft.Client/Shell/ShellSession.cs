namespace Raft.Client.Shell;

/// <summary>
/// The <c>shell</c> loop: reads lines (through the <see cref="LineEditor"/> at a terminal, plainly and without
/// a prompt when input is piped), runs each with the console's own grammar, and handles the built-ins
/// <c>help</c>, <c>history</c> and <c>exit</c>/<c>quit</c>. Blank lines and lines starting with '#' are skipped,
/// so a script file can be piped in.
/// </summary>
internal sealed class ShellSession
{
    public const string Prompt = "raft> ";

    private readonly ClientConsole _console;
    private readonly CommandHistory _history = new();
    private readonly Func<IReadOnlyList<string>, CancellationToken, Task<int>> _runLine;

    /// <param name="runLine">Runs one tokenized line as a command line and returns its exit code.</param>
    public ShellSession(ClientConsole console, Func<IReadOnlyList<string>, CancellationToken, Task<int>> runLine)
    {
        _console = console;
        _runLine = runLine;
    }

    /// <summary>Runs until end of input or <c>exit</c>; returns 0 if every line succeeded, else the last failing line's code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var editor = _console is { IsInteractive: true, ReadKey: { } readKey } ? new LineEditor(readKey, _console.Out, _history) : null;
        if (editor is not null) _console.Out.WriteLine("Raft shell. Commands as on the command line; help, history, exit (or Ctrl-D).");

        var result = ExitCodes.Success;
        while (!cancellationToken.IsCancellationRequested)
        {
            var line = editor is not null
                ? editor.ReadLine(Prompt)
                : await _console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null) break;
            line = line.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            _history.Add(line);

            if (line is "exit" or "quit") break;
            var code = await RunOneAsync(line, cancellationToken).ConfigureAwait(false);
            if (code != ExitCodes.Success) result = code;
        }
        return cancellationToken.IsCancellationRequested ? ExitCodes.Cancelled : result;
    }

    private async Task<int> RunOneAsync(string line, CancellationToken cancellationToken)
    {
        if (line == "history")
        {
            for (var i = 0; i < _history.Lines.Count; i++) _console.Out.WriteLine($"{i + 1,4}  {_history.Lines[i]}");
            return ExitCodes.Success;
        }
        if (line == "help")
        {
            var code = await _runLine(["--help"], cancellationToken).ConfigureAwait(false);
            _console.Out.WriteLine("Shell built-ins: help, history, exit (or quit). Quote values with spaces: put k \"two words\".");
            return code;
        }

        IReadOnlyList<string> tokens;
        try
        {
            tokens = ShellTokenizer.Split(line);
        }
        catch (FormatException e)
        {
            _console.Error.WriteLine($"ERR usage: {e.Message}");
            return ExitCodes.UsageError;
        }
        if (tokens[0] == "shell")
        {
            _console.Error.WriteLine("ERR usage: already in the shell");
            return ExitCodes.UsageError;
        }
        return await _runLine(tokens, cancellationToken).ConfigureAwait(false);
    }
}

using Raft.Client;
using Raft.Client.Shell;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Client;

// Proves the shell: piped lines run with the console's grammar in one session, without prompt noise;
// comments and blank lines are skipped; quotes group words; history, help and exit work; a failing line
// reports on stderr and sets the exit code without stopping the script; and, at a terminal, the line
// editor's Up arrow recalls the previous line. The whole shell is one session: one connection, one client id.
public sealed class ShellTests
{
    private readonly FakeCluster _cluster = new();

    [Fact]
    public async Task PipedCommands_RunInOrder_NoPrompt()
    {
        var run = await Shell("# a comment\n\nput greeting \"hello there\"\nget greeting\ncas greeting 2 'bye now'\nget greeting\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["OK 2", "hello there (version 2)", "OK 3", "bye now (version 3)"], run.OutLines);
        Assert.DoesNotContain("raft>", run.Out, StringComparison.Ordinal);
        Assert.Empty(run.Err);
    }

    [Fact]
    public async Task FailingLine_ReportsAndContinues_ExitCodeOfLastFailure()
    {
        var run = await Shell("get missing\nput k v\n");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["OK 2"], run.OutLines);
        Assert.StartsWith("ERR not-found:", Assert.Single(run.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_StopsReading()
    {
        var run = await Shell("put a 1\nexit\nput b 2\n");

        Assert.Equal(["OK 2"], run.OutLines);
        Assert.Single(_cluster.State.Submissions);
    }

    [Fact]
    public async Task History_ListsPreviousLinesNumbered()
    {
        var run = await Shell("put a 1\nget a\nhistory\n");

        Assert.Equal(["   1  put a 1", "   2  get a", "   3  history"], run.OutLines[^3..]);
    }

    [Fact]
    public async Task Help_ListsCommandsAndBuiltIns()
    {
        var run = await Shell("help\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("put <key> <value>", run.Out, StringComparison.Ordinal);
        Assert.Contains("Shell built-ins: help, history, exit", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsageErrorsInShell_Exit2PerLine()
    {
        var run = await Shell("put onlykey\nput 'unterminated\nshell\n");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(3, run.ErrLines.Length);
        Assert.All(run.ErrLines, l => Assert.StartsWith("ERR usage:", l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task JsonShell_AppliesToEveryLine()
    {
        var run = await ClientRun.RunWithInputAsync(_cluster, "put a 1\nput b 2\n", "--json", "shell");

        Assert.Equal(["{\"key\":\"a\",\"version\":2}", "{\"key\":\"b\",\"version\":3}"], run.OutLines);
    }

    [Fact]
    public async Task Interactive_UpArrowRecallsPreviousLine()
    {
        // Types "put k v", Enter, then Up, Enter (re-running it), then Ctrl-D.
        var keys = new Queue<ConsoleKeyInfo>();
        foreach (var ch in "put k v") keys.Enqueue(new ConsoleKeyInfo(ch, 0, false, false, false));
        keys.Enqueue(Key(ConsoleKey.Enter));
        keys.Enqueue(Key(ConsoleKey.UpArrow));
        keys.Enqueue(Key(ConsoleKey.Enter));
        keys.Enqueue(new ConsoleKeyInfo('\u0004', ConsoleKey.D, false, false, true));
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new ClientConsole(output, error, TextReader.Null, IsInteractive: true, _ => null, keys.Dequeue);

        var exitCode = await ClientApp.RunAsync(["shell"], console, _cluster, TestContext.Current.CancellationToken);

        Assert.Equal(0, exitCode);
        Assert.Contains(ShellSession.Prompt, output.ToString(), StringComparison.Ordinal);
        Assert.Equal([new Operation.Put("k", "v"), new Operation.Put("k", "v")], _cluster.State.Submissions.Select(s => s.Operation));
        Assert.Contains("OK 3", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LineEditor_EditsInTheMiddleAndBrowsesBackToDraft()
    {
        var history = new CommandHistory();
        history.Add("get a");
        var keys = new Queue<ConsoleKeyInfo>();
        foreach (var ch in "pt") keys.Enqueue(new ConsoleKeyInfo(ch, 0, false, false, false));
        keys.Enqueue(Key(ConsoleKey.LeftArrow));
        keys.Enqueue(new ConsoleKeyInfo('u', 0, false, false, false));
        keys.Enqueue(Key(ConsoleKey.UpArrow));    // shows "get a"
        keys.Enqueue(Key(ConsoleKey.DownArrow));  // back to the draft "put"
        keys.Enqueue(Key(ConsoleKey.Enter));
        using var output = new StringWriter();

        var line = new LineEditor(keys.Dequeue, output, history).ReadLine("> ");

        Assert.Equal("put", line);
    }

    [Fact]
    public async Task WholeShell_ConnectsOnce_AndClosesAtTheEnd()
    {
        var run = await Shell("put a 1\nget a\ndelete a\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Single(_cluster.Connections);
        Assert.Equal(1, _cluster.Disposed);
    }

    private static ConsoleKeyInfo Key(ConsoleKey key) => new('\0', key, false, false, false);

    private Task<ClientRun> Shell(string stdin) => ClientRun.RunWithInputAsync(_cluster, stdin, "shell");
}

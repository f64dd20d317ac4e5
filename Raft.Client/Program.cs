namespace Raft.Client;

/// <summary>The process entry: wires the real console and Ctrl-C into <see cref="ClientApp"/>.</summary>
internal static class Program
{
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
        return await ClientApp.RunAsync(args, ClientConsole.FromSystemConsole(), cancellation.Token).ConfigureAwait(false);
    }
}

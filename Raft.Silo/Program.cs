using Raft.Silo.Configuration;

namespace Raft.Silo;

/// <summary>
/// The silo process. No flags: one silo hosting peers 1..5 with client HTTP on http://127.0.0.1:8080.
/// <c>--cluster-file FILE --member I [--data-dir DIR]</c>: member I of a seeds-style cluster file.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        try
        {
            var app = SiloApplication.Build(args);
            await app.RunAsync().ConfigureAwait(false);
            return 0;
        }
        catch (SiloOptionsException e)
        {
            await Console.Error.WriteLineAsync($"Raft.Silo: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (IOException e) when (e.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
        {
            // Kestrel's "Failed to bind to address ...: address already in use": an option problem too.
            await Console.Error.WriteLineAsync($"Raft.Silo: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }
}

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
    }
}

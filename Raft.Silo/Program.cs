using Raft.Silo.Configuration;
using Raft.Silo.Storage;

namespace Raft.Silo;

/// <summary>
/// The silo process. No flags: one silo hosting peers 1..5 with client HTTP on http://127.0.0.1:8080.
/// <c>--cluster-file FILE --member I [--data-dir DIR]</c>: member I of a seeds-style cluster file.
/// </summary>
internal static class Program
{
    private static StorageCorruptionException? FindCorruption(Exception? e) => e switch
    {
        null => null,
        StorageCorruptionException corruption => corruption,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindCorruption).FirstOrDefault(c => c is not null),
        _ => FindCorruption(e.InnerException),
    };

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
        catch (Exception e) when (FindCorruption(e) is { } corruption)
        {
            // Never run on corrupt data: say which peer, index and file, and stop.
            await Console.Error.WriteLineAsync($"Raft.Silo: storage is corrupt, refusing to start: {corruption.Message}").ConfigureAwait(false);
            return 3;
        }
        catch (IOException e) when (e.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
        {
            // Kestrel's "Failed to bind to address ...: address already in use": an option problem too.
            await Console.Error.WriteLineAsync($"Raft.Silo: {e.Message}").ConfigureAwait(false);
            return 2;
        }
    }
}

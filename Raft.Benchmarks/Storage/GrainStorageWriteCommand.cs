using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Raft.Silo.Persistence;

namespace Raft.Benchmarks.Storage;

/// <summary>
/// "grain-storage-write [writes] [folder]": a stopwatch run of SqliteGrainStorage writing one grain's 100-byte
/// state (a byte array through Orleans' grain storage serializer), each write conditional on the last one's
/// ETag and synced, in a fresh raft.db under the folder (the temp folder by default). Prints the mean, median
/// and 99th percentile of one write, the figure DESIGN.md §3 compares providers by. Most of it is the disk's
/// fsync; a folder on tmpfs (/dev/shm), where fsync costs nothing, shows the provider's own share.
/// </summary>
internal static class GrainStorageWriteCommand
{
    public const string Name = "grain-storage-write";
    private const int StateBytes = 100;

    public static async Task<int> RunAsync(string[] args)
    {
        var writes = 2000;
        if (args.Length > 2 || (args.Length > 0 && (!int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out writes) || writes <= 0)))
        {
            await Console.Error.WriteLineAsync($"usage: {Name} [writes > 0] [folder]").ConfigureAwait(false);
            return 2;
        }
        var folder = Path.Combine(args.Length > 1 ? args[1] : Path.GetTempPath(), "raft-bench", Guid.NewGuid().ToString("N"));
        await using var services = new ServiceCollection().AddSerializer().BuildServiceProvider();
        var options = new SqliteGrainStorageOptions
        {
            DatabaseFile = Path.Combine(folder, "raft.db"),
            GrainStorageSerializer = new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()),
        };
        try
        {
            await using var storage = new SqliteGrainStorage("bench", options, services.GetRequiredService<IActivatorProvider>(),
                NullLogger<SqliteGrainStorage>.Instance);
            var grain = GrainId.Create("bench", "1");
            var state = new GrainState<byte[]>(new byte[StateBytes]);
            new Random(1).NextBytes(state.State!);
            for (var i = 0; i < 50; i++) await storage.WriteStateAsync("state", grain, state).ConfigureAwait(false); // open, warm up

            var micros = new double[writes];
            for (var i = 0; i < writes; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await storage.WriteStateAsync("state", grain, state).ConfigureAwait(false);
                micros[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }
            Array.Sort(micros);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"sqlite grain storage in {folder}: {writes} writes of {StateBytes} B, synced: mean {micros.Average() / 1000:F3} ms, " +
                $"median {micros[writes / 2] / 1000:F3} ms, p99 {micros[(int)(writes * 0.99)] / 1000:F3} ms"));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        return 0;
    }
}

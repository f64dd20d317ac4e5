using System.Diagnostics;
using System.Globalization;

namespace Raft.Benchmarks.Storage;

/// <summary>
/// "storage-append [sqlite|postgres] [batches] [nosync]": a plain stopwatch run of the same appends as
/// <see cref="StorageAppendBenchmarks"/>, for a quick figure on one backend (PostgreSQL needs
/// RAFT_TEST_POSTGRES). Prints entries/s and commits per batch. "nosync" commits without waiting for the
/// disk, which shows how much of a batch's time is the fsync.
/// </summary>
internal static class StorageAppendCommand
{
    public const string Name = "storage-append";

    public static async Task<int> RunAsync(string[] args)
    {
        var backend = args.Length > 0 ? args[0] : BenchmarkStore.Sqlite;
        var batches = 2000;
        var sync = args.Length < 3 || args[2] != "nosync";
        if ((args.Length > 1 && (!int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out batches) || batches <= 0))
            || args.Length > 3 || (args.Length == 3 && sync))
        {
            await Console.Error.WriteLineAsync($"usage: {Name} [sqlite|postgres] [batches > 0] [nosync]").ConfigureAwait(false);
            return 2;
        }
        await using var store = await BenchmarkStore.CreateAsync(backend).ConfigureAwait(false);
        for (var i = 0; i < 50; i++) await store.AppendBatchAsync().ConfigureAwait(false); // warm up statements and pool

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < batches; i++) await store.AppendBatchAsync(sync).ConfigureAwait(false);
        watch.Stop();

        var entries = (long)batches * BenchmarkStore.EntriesPerBatch;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{backend}: {entries / watch.Elapsed.TotalSeconds:F0} entries/s, {batches / watch.Elapsed.TotalSeconds:F0} batches/s " +
            $"({batches} batches x {BenchmarkStore.EntriesPerBatch} entries x {BenchmarkStore.EntryBytes} B, 1 commit per batch{(sync ? ", synced" : ", not synced")}, " +
            $"{watch.Elapsed.TotalMilliseconds / batches:F3} ms per batch)"));
        return 0;
    }
}

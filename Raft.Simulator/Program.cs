using System.Diagnostics;
using System.Globalization;
using Raft.Simulator.Runs;

namespace Raft.Simulator;

/// <summary>
/// Runs seeded simulations. `--seeds N [--start S]` runs N seeds and prints one summary line;
/// `--seed S [--trace]` replays one seed, with a full trace. Exit codes: 0 ok, 1 safety violation,
/// 2 liveness failure, 3 a broken invariant inside the core, 64 bad arguments.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        var options = SimulatorOptions.Parse(args);
        if (options.Error is not null)
        {
            Console.Error.WriteLine(options.Error);
            Console.Error.WriteLine(SimulatorOptions.Usage);
            return 64;
        }
        return options.Seed is { } seed ? ReplayOne(seed, options) : RunMany(options);
    }

    private static int ReplayOne(ulong seed, SimulatorOptions options)
    {
        var result = SeedRun.Run(seed, options.Peers, options.Trace ? Console.WriteLine : null);
        Console.WriteLine($"seed {seed}: {(result.Passed ? "ok" : result.FailureText)}");
        Console.WriteLine($"  {result.Profile}");
        Console.WriteLine($"  events={result.Events} elections={result.Elections} commits={result.Commits} reads={result.ReadsServed} history={result.HistoryOperations}{(result.HistoryUnchecked ? " (unchecked: budget)" : "")} messages={result.Messages} inputs-during-writes={result.InputsDuringWrites} overwritten-during-write={result.OverwrittenDuringWrite} two-store-writes={result.TwoStoreWrites} torn-writes={result.TornWrites} lost-commits={result.LostCommitUpdates} compactions={result.Compactions} installs={result.SnapshotInstalls} membership-changes={result.MembershipChanges} transfers={result.Transfers} install-crashes={result.CrashesDuringInstall} virtual={result.VirtualMs}ms");
        return result.ExitCode;
    }

    private static int RunMany(SimulatorOptions options)
    {
        var stopwatch = Stopwatch.StartNew();
        var results = new SeedResult[options.Seeds];
        Parallel.For(0, options.Seeds, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => results[i] = SeedRun.Run(options.Start + (ulong)i, options.Peers));
        stopwatch.Stop();

        var failed = results.Where(r => !r.Passed).ToArray();
        foreach (var result in failed)
        {
            Console.WriteLine($"seed {result.Seed} FAILED: {result.FailureText}");
            Console.WriteLine($"  replay: dotnet run -c Release --project Raft.Simulator -- --seed {result.Seed}{(options.Peers is { } p ? $" --peers {p}" : "")} --trace");
        }
        var seconds = stopwatch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seeds: {results.Length}, violations: {failed.Length}, events: {results.Sum(r => r.Events)}, elections: {results.Sum(r => r.Elections)}, commits: {results.Sum(r => r.Commits)}, reads: {results.Sum(r => r.ReadsServed)}, history ops: {results.Sum(r => r.HistoryOperations)}, unchecked histories: {results.Count(r => r.HistoryUnchecked)}, messages: {results.Sum(r => r.Messages)}, inputs during writes: {results.Sum(r => r.InputsDuringWrites)}, overwritten during write: {results.Sum(r => r.OverwrittenDuringWrite)}, two-store writes: {results.Sum(r => r.TwoStoreWrites)}, torn writes: {results.Sum(r => r.TornWrites)}, lost commits: {results.Sum(r => r.LostCommitUpdates)}, compactions: {results.Sum(r => r.Compactions)}, installs: {results.Sum(r => r.SnapshotInstalls)}, membership changes: {results.Sum(r => r.MembershipChanges)}, transfers: {results.Sum(r => r.Transfers)}, crashes during installs: {results.Sum(r => r.CrashesDuringInstall)}, seconds: {seconds:F1}, seeds/s: {results.Length / seconds:F1}"));
        return failed.Length == 0 ? 0 : failed.Max(r => r.ExitCode);
    }
}

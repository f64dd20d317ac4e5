using Raft.Simulator.Checking;
using Raft.Simulator.Runs;

namespace Raft.Tests.Linearizability;

/// <summary>
/// Seeded simulator runs record a real client history and check it: across a hundred seeds the histories
/// hold hundreds of operations each on average, every one is decided within the budget (none Unknown), and
/// none is found non-linearizable. A recorder that silently recorded nothing would fail the first check.
/// </summary>
public sealed class SimulatedHistoryTests
{
    private const int SeedCount = 100;

    [Fact]
    public void SeededRuns_RecordAndCheckTheirClientHistories()
    {
        var results = new SeedResult[SeedCount];
        Parallel.For(0, SeedCount, i => results[i] = SeedRun.Run(50_000UL + (ulong)i));

        Assert.True(results.Average(r => r.HistoryOperations) > 50, $"histories are nearly empty: {results.Average(r => r.HistoryOperations)} operations on average");
        Assert.DoesNotContain(results, r => r.HistoryUnchecked);
        var failures = results.Where(r => r.Violations.Any(v => v.Property == RaftProperty.Linearizability))
            .Select(r => $"seed {r.Seed}: {r.FailureText}").ToArray();
        Assert.True(failures.Length == 0, string.Join("\n", failures));
    }
}

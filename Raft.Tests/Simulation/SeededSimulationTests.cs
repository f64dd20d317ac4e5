using Raft.Simulator.Runs;

namespace Raft.Tests.Simulation;

/// <summary>
/// The fault-injecting simulator over thousands of seeds: every seed's safety phase (loss, duplication,
/// delay, partitions, crashes, slow and stalling disks, crashes between a write's two stores, snapshots and
/// crashes inside installs, membership changes and leadership transfers at random moments) must break
/// no Raft property, and its liveness phase must commit once the faults heal. A failure names the seed and
/// the command that replays it with a trace.
/// </summary>
public sealed class SeededSimulationTests
{
    private const int SeedCount = 2400;

    [Fact]
    public void ThousandsOfSeeds_NoViolation()
    {
        var results = new SeedResult[SeedCount];
        // Bounded to the cores: an unbounded loop would hold thread-pool threads that timer-driven tests need.
        Parallel.For(0, SeedCount, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => results[i] = SeedRun.Run(10_000UL + (ulong)i));
        var failures = results.Where(r => !r.Passed)
            .Select(r => $"seed {r.Seed}: {r.FailureText}\n  replay: dotnet run -c Release --project Raft.Simulator -- --seed {r.Seed} --trace")
            .ToArray();
        Assert.True(failures.Length == 0, string.Join("\n", failures));
        Assert.True(results.Sum(r => r.Commits) > SeedCount * 10, "the runs committed almost nothing; the workload is broken");
        Assert.True(results.Count(r => r.Elections > 1) > SeedCount / 2, "few runs saw a second leader; the nemesis is idle");
        // The host model is exercised: inputs step nodes during writes, crashes cut two-store writes
        // between their stores, and crashes drop lazily written commits.
        Assert.True(results.Sum(r => r.InputsDuringWrites) > SeedCount * 100, "inputs rarely arrived during a write; the pump is not exercised");
        Assert.True(results.Sum(r => r.TornWrites) > SeedCount / 50, "crashes rarely fell between a write's two stores");
        Assert.True(results.Sum(r => r.LostCommitUpdates) > SeedCount / 10, "crashes rarely lost a deferred commit");
        // Snapshots, installs (some cut by crashes), membership changes and transfers happen in most worlds.
        Assert.True(results.Sum(r => r.Compactions) > SeedCount * 5, "peers rarely snapshotted");
        Assert.True(results.Sum(r => r.SnapshotInstalls) > SeedCount / 2, "followers rarely installed a snapshot");
        Assert.True(results.Sum(r => r.CrashesDuringInstall) > SeedCount / 20, "crashes rarely fell inside an install");
        Assert.True(results.Sum(r => r.MembershipChanges) > SeedCount / 4, "the membership rarely changed");
        Assert.True(results.Sum(r => r.Transfers) > SeedCount / 10, "leadership was rarely transferred");
    }

    [Fact]
    public void SameSeed_SameRun()
    {
        var first = SeedRun.Run(424242);
        var second = SeedRun.Run(424242);
        Assert.Equal(first.Events, second.Events);
        Assert.Equal(first.Messages, second.Messages);
        Assert.Equal(first.Commits, second.Commits);
    }
}

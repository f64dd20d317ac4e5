using System.Text.Json;
using Raft.Client.Bench;
using Raft.Client.Commands;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Client;

// Proves that `bench` with a small N performs exactly N operations (the fake client grain counts them),
// reports the counts, throughput and latency lines (and parseable --json), honours --read-ratio, counts
// failures by error code, and exits 3 when no silo could serve a single operation.
public sealed class BenchCommandTests
{
    private readonly FakeCluster _cluster = new();

    [Fact]
    public async Task Bench_SmallN_DoesNPutsAndReportsThem()
    {
        var run = await ClientRun.RunAsync(_cluster, "bench", "--ops", "40", "--concurrency", "4", "--keys", "5", "--value-size", "16");

        Assert.True(run.ExitCode == 0, run.ToString());
        var puts = _cluster.State.Submissions.Select(s => s.Operation).OfType<Operation.Put>().ToArray();
        Assert.Equal(40, puts.Length);
        Assert.Contains("operations: 40 (writes 40, reads 0), concurrency 4", run.OutLines);
        Assert.Contains("succeeded: 40, failed: 0", run.OutLines);
        Assert.Contains(run.OutLines, l => l.StartsWith("elapsed: ", StringComparison.Ordinal) && l.EndsWith(" ops/s", StringComparison.Ordinal));
        Assert.Contains(run.OutLines, l => l.StartsWith("latency: p50 ", StringComparison.Ordinal));
        Assert.Contains("errors: none", run.OutLines);
        Assert.All(puts, p => Assert.Equal(16, p.Value.Length));
        Assert.Equal(40, _cluster.State.Submissions.Select(s => s.RequestId!.Value.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task Bench_ReadRatioOne_SeedsKeysThenOnlyReads()
    {
        var run = await ClientRun.RunAsync(_cluster, "--json", "bench", "--ops", "30", "--keys", "3", "--read-ratio", "1");

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Out);
        Assert.Equal(30, report.RootElement.GetProperty("reads").GetInt64());
        Assert.Equal(0, report.RootElement.GetProperty("writes").GetInt64());
        Assert.Equal(30, report.RootElement.GetProperty("succeeded").GetInt64());
        Assert.Equal(3, _cluster.State.Submissions.Count);
        Assert.Equal(30, _cluster.State.Reads.Count);
        Assert.True(report.RootElement.GetProperty("p99Milliseconds").GetDouble() <= report.RootElement.GetProperty("maxMilliseconds").GetDouble());
    }

    [Fact]
    public async Task Bench_ClusterUnavailable_CountsErrorsByCodeAndExits3()
    {
        _cluster.State.Failure = CommandOutcome.Failed(OutcomeStatus.Unavailable, "no quorum");

        var run = await ClientRun.RunAsync(_cluster, "bench", "--ops", "10", "--concurrency", "2");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("succeeded: 0, failed: 10", run.OutLines);
        Assert.Contains("errors: unavailable 10", run.OutLines);
    }

    [Fact]
    public void ExitCode_SomeOperationsRefused_Is1()
    {
        var report = new BenchReport(10, 1, 9, 1, 0, 10, 1, 9, 1, 1, 1, new Dictionary<string, long> { ["too-large"] = 1 });

        Assert.Equal(1, BenchCommand.ExitCodeOf(report));
    }
}

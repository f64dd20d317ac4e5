using System.Text.Json;
using Raft.Client.Bench;
using Raft.Client.Commands;

namespace Raft.Tests.Client;

// Proves that `bench` with a small N performs exactly N operations (the fake counts them), reports the
// counts, throughput and latency lines (and parseable --json), honours --read-ratio, counts failures by
// error code, and exits 3 when no silo could serve a single operation.
public sealed class BenchCommandTests
{
    [Fact]
    public async Task Bench_SmallN_DoesNPutsAndReportsThem()
    {
        await using var silo = await FakeRaftServer.StartAsync();

        var run = await ClientRun.RunAsync("--endpoints", silo.Address, "bench", "--ops", "40", "--concurrency", "4", "--keys", "5", "--value-size", "16");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(40, silo.Requests.Count(r => r.Method == "PUT"));
        Assert.Contains("operations: 40 (writes 40, reads 0), concurrency 4", run.OutLines);
        Assert.Contains("succeeded: 40, failed: 0", run.OutLines);
        Assert.Contains(run.OutLines, l => l.StartsWith("elapsed: ", StringComparison.Ordinal) && l.EndsWith(" ops/s", StringComparison.Ordinal));
        Assert.Contains(run.OutLines, l => l.StartsWith("latency: p50 ", StringComparison.Ordinal));
        Assert.Contains("errors: none", run.OutLines);
        Assert.Equal(16, JsonDocument.Parse(silo.Requests.First().Body).RootElement.GetProperty("value").GetString()!.Length);
    }

    [Fact]
    public async Task Bench_ReadRatioOne_SeedsKeysThenOnlyReads()
    {
        await using var silo = await FakeRaftServer.StartAsync();

        var run = await ClientRun.RunAsync("--endpoints", silo.Address, "--json", "bench", "--ops", "30", "--keys", "3", "--read-ratio", "1");

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Out);
        Assert.Equal(30, report.RootElement.GetProperty("reads").GetInt64());
        Assert.Equal(0, report.RootElement.GetProperty("writes").GetInt64());
        Assert.Equal(30, report.RootElement.GetProperty("succeeded").GetInt64());
        Assert.Equal(3, silo.Requests.Count(r => r.Method == "PUT"));
        Assert.Equal(30, silo.Requests.Count(r => r.Method == "GET"));
        Assert.True(report.RootElement.GetProperty("p99Milliseconds").GetDouble() <= report.RootElement.GetProperty("maxMilliseconds").GetDouble());
    }

    [Fact]
    public async Task Bench_ClusterUnavailable_CountsErrorsByCodeAndExits3()
    {
        await using var silo = await FakeRaftServer.StartAsync();
        silo.Mode = FakeSiloMode.Unavailable;

        var run = await ClientRun.RunAsync("--endpoints", silo.Address, "bench", "--ops", "10", "--concurrency", "2");

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

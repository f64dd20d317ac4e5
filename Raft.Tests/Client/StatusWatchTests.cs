using System.Globalization;
using System.Text.Json;
using Raft.Client;
using Raft.Client.Output;
using WatchPeer = Raft.Client.Results.WatchPeer;
using Raft.Client.Watch;
using Raft.Grains.Client;

namespace Raft.Tests.Client;

// Proves that `status --watch` polls the fake cluster once per interval on an injected clock that steps only
// when the watch waits (so N polls see exactly N intervals pass, and no assert depends on the machine's
// speed), shows the commits per second from the commit index's growth between polls, counts leader changes,
// takes the mean commit latency from the leader silo's /metrics totals, prints one line per poll when not at
// a terminal and one JSON object per poll with --json, turns a failed later poll into a frame and goes on,
// fails its first poll as plain `status` does, and ends with exit code 0 when cancelled (Ctrl-C).
public sealed class StatusWatchTests
{
    private const string LeaderAddress = "http://127.0.0.1:8082";

    private readonly FakeCluster _cluster = new();
    private readonly SteppingClock _clock = new();
    private readonly CancellationTokenSource _ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

    // What the fake cluster's status shows; the tests' steps change them between polls.
    private int? _leader = 2;
    private long _term = 3;
    private long _commit = 100;

    public StatusWatchTests()
    {
        _cluster.State.Status = Status();
    }

    [Fact]
    public async Task Watch_CommitIndexGrows_EachLineShowsTheRate_CtrlCExits0()
    {
        // 40 commits per 500 ms step: 80 per second. Ctrl-C at the third wait, after three polls.
        StepThen(steps: 3, each: _ => _commit += 40);

        var run = await ClientRun.RunWithClockAsync(_cluster, _clock, _ctrlC.Token, "status", "--watch");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Err);
        Assert.Equal(3, run.OutLines.Length);
        Assert.Equal(
            "00:00:00.000Z leader=2 term=3 commit=100 commits/s=- leader-changes=0 commit-latency-ms=- | 1:Follower term=3 last=101 commit=99 applied=99 snapshot=0 | 2:Leader term=3 last=101 commit=100 applied=100 snapshot=0 | 3:unreachable",
            run.OutLines[0]);
        Assert.StartsWith("00:00:00.500Z leader=2 term=3 commit=140 commits/s=80.0 leader-changes=0 ", run.OutLines[1], StringComparison.Ordinal);
        Assert.StartsWith("00:00:01.000Z leader=2 term=3 commit=180 commits/s=80.0 leader-changes=0 ", run.OutLines[2], StringComparison.Ordinal);
        Assert.Equal(3, _cluster.Grain.Attempts.Count(a => a.Method == "cluster-status"));
    }

    [Fact]
    public async Task Watch_NewLeaderOrNewTerm_CountsLeaderChanges()
    {
        // Step 1: peer 3 wins term 4; step 2: nobody known; step 3: peer 3 again, re-elected in term 5.
        StepThen(steps: 4, each: step => (_leader, _term) = step switch
        {
            1 => (3, 4),
            2 => ((int?)null, 4),
            _ => (3, 5),
        });

        var run = await ClientRun.RunWithClockAsync(_cluster, _clock, _ctrlC.Token, "status", "--watch", "--interval", "1000");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal([0, 1, 1, 2], run.OutLines.Select(l => Field(l, "leader-changes")).Select(int.Parse));
        Assert.Equal(["2", "3", "-", "3"], run.OutLines.Select(l => Field(l, "leader")));
    }

    [Fact]
    public async Task Watch_LeaderMetrics_ShowTheMeanCommitLatencyBetweenPolls()
    {
        // The leader's silo: 50 commits in 100 ms at first; by the next poll 80 in 160 ms: 30 more in 60 ms, 2 ms each.
        var totals = new Queue<(double Sum, long Count)>([(100, 50), (160, 80), (160, 80)]);
        _cluster.Metrics = address => address == LeaderAddress ? Prometheus(2, totals.Dequeue()) : null;
        StepThen(steps: 3, each: _ => _commit += 30);

        var run = await ClientRun.RunWithClockAsync(_cluster, _clock, _ctrlC.Token, "status", "--watch");

        Assert.True(run.ExitCode == 0, run.ToString());
        // None to compare with at first; then 2 ms; then no commit at the leader since: unknown, not zero.
        Assert.Equal(["-", "2.00", "-"], run.OutLines.Select(l => Field(l, "commit-latency-ms")));
    }

    [Fact]
    public async Task Watch_Json_PrintsOneObjectPerPoll()
    {
        StepThen(steps: 2, each: _ => _commit += 25);

        var run = await ClientRun.RunWithClockAsync(_cluster, _clock, _ctrlC.Token, "--json", "status", "--watch", "--interval", "250");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, run.OutLines.Length);
        using var first = JsonDocument.Parse(run.OutLines[0]);
        using var second = JsonDocument.Parse(run.OutLines[1]);
        Assert.Equal(JsonValueKind.Null, first.RootElement.GetProperty("commitsPerSecond").ValueKind);
        Assert.Equal(100.0, second.RootElement.GetProperty("commitsPerSecond").GetDouble());
        Assert.Equal(125, second.RootElement.GetProperty("commitIndex").GetInt64());
        Assert.Equal(2, second.RootElement.GetProperty("leader").GetInt64());
        Assert.Equal(0, second.RootElement.GetProperty("leaderChanges").GetInt32());
        Assert.Equal("2025-01-01T00:00:00.25+00:00", second.RootElement.GetProperty("time").GetString());
        var peers = second.RootElement.GetProperty("peers");
        Assert.Equal(3, peers.GetArrayLength());
        Assert.Equal(
            """{"id":3,"silo":"silo-3","role":"Follower","term":0,"lastIndex":0,"commitIndex":0,"appliedIndex":0,"snapshotIndex":0,"reachable":false}""",
            peers[2].GetRawText());
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Watch_LaterPollFails_ShowsTheErrorAndGoesOn_RateSpansTheGap()
    {
        // The second poll reaches a grain that throws; the third works again, 80 commits after the first, 1 s later.
        StepThen(steps: 3, each: step =>
        {
            _commit += 40;
            if (step == 1) _cluster.Grain.Faults.Enqueue(CallFault.GrainThrows);
        });

        var run = await ClientRun.RunWithClockAsync(_cluster, _clock, _ctrlC.Token, "status", "--watch");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(3, run.OutLines.Length);
        Assert.StartsWith("00:00:00.500Z ERR internal: the cluster call failed: InvalidOperationException", run.OutLines[1], StringComparison.Ordinal);
        Assert.Equal("80.0", Field(run.OutLines[2], "commits/s"));
    }

    [Fact]
    public async Task Watch_FirstPollUnreachable_FailsAsStatusDoes()
    {
        _cluster.Grain.AlwaysFail = true;

        var status = await ClientRun.RunAsync(_cluster, "--timeout", "0.3", "status");
        var watch = await ClientRun.RunWithClockAsync(_cluster, _clock, _ctrlC.Token, "--timeout", "0.3", "status", "--watch");

        Assert.Equal(3, status.ExitCode);
        Assert.Equal(status.ExitCode, watch.ExitCode);
        Assert.Empty(watch.Out);
        Assert.StartsWith("ERR unreachable: no gateway carried the request within 0.3 s", Assert.Single(watch.ErrLines), StringComparison.Ordinal);
        Assert.Equal(status.ErrLines, watch.ErrLines);
    }

    [Fact]
    public async Task Watch_AtATerminal_RedrawsTheScreen_CtrlCExits0()
    {
        StepThen(steps: 2, each: _ => _commit += 40);
        var console = new ClientConsole(TextWriter.Null, TextWriter.Null, TextReader.Null, IsInteractive: true, GetEnvironmentVariable: _ => null, Clock: _clock);

        var run = await ClientRun.RunConsoleAsync(_cluster, console, _ctrlC.Token, "status", "--watch");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("leader 2 (http://127.0.0.1:8082), term 3", run.Out, StringComparison.Ordinal);
        Assert.Contains("commit 140, 80.0 commits/s, commit latency - ms, 0 leader changes", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Screen_MarksTheLeader_AndShowsUnreachablePeersAsSuch()
    {
        var frame = new WatchTracker(_clock).Observe(new ClusterView(2, LeaderAddress, [.. WatchPeers()]), null);
        using var writer = new StringWriter();

        SpectreConsoleFactory.Create(writer, interactive: false).Write(WatchScreenRenderer.Render(frame, TimeSpan.FromMilliseconds(500)));

        var rows = writer.ToString().Split('\n').Where(l => l.StartsWith('│')).Select(Cells).ToArray();
        Assert.Equal(["", "id", "silo", "role", "term", "last", "commit", "applied", "snap"], rows[0]);
        Assert.Equal(["*", "2", "silo-2", "Leader", "3", "101", "100", "100", "0"], rows[2]);
        Assert.Equal(["", "3", "silo-3", "unreachable", "-", "-", "-", "-", "-"], rows[3]);
        Assert.Contains("00:00:00Z, every 500 ms; Ctrl-C to stop", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LatencyTotals_ParseTheExportersHistogramForOnePeer()
    {
        var text = Prometheus(1, (5, 2)) + Prometheus(2, (12.5, 4)) + "raft_commit_index{otel_scope_name=\"RaftOrleans\",peer=\"2\"} 9\n";

        Assert.Equal(new CommitLatencyTotals(12.5, 4), CommitLatencyTotals.Parse(text, 2));
        Assert.Null(CommitLatencyTotals.Parse(text, 3));
        Assert.Equal(2.5, new CommitLatencyTotals(22.5, 8).MeanSince(new CommitLatencyTotals(12.5, 4)));
        Assert.Null(new CommitLatencyTotals(12.5, 4).MeanSince(new CommitLatencyTotals(12.5, 4)));
    }

    /// <summary>Steps the world with <paramref name="each"/> (given the step's number, from 1) at every wait, and presses Ctrl-C at wait number <paramref name="steps"/>.</summary>
    private void StepThen(int steps, Action<int> each)
    {
        var step = 0;
        _clock.Stepping = _ =>
        {
            if (++step == steps) _ctrlC.Cancel();
            else
            {
                each(step);
                _cluster.State.Status = Status();
            }
        };
    }

    private ClusterStatus Status() => new(_leader, _leader is { } leader ? $"http://127.0.0.1:{8080 + leader}" : null, [.. Peers()]);

    // Three peers: the leader at the commit index, the others a follower one behind; peer 3 unreachable unless it leads.
    private IEnumerable<PeerView> Peers()
    {
        foreach (var id in new[] { 1, 2, 3 })
        {
            if (id == 3 && _leader != 3) yield return new PeerView(3, "silo-3", "http://127.0.0.1:8083", "Follower", 0, 0, 0, 0, Reachable: false);
            else if (id == _leader) yield return new PeerView(id, $"silo-{id}", $"http://127.0.0.1:{8080 + id}", "Leader", _term, _commit + 1, _commit, _commit, Reachable: true);
            else yield return new PeerView(id, $"silo-{id}", $"http://127.0.0.1:{8080 + id}", "Follower", _term, _commit + 1, _commit - 1, _commit - 1, Reachable: true);
        }
    }

    private IEnumerable<WatchPeer> WatchPeers() =>
        Peers().Select(p => new WatchPeer(p.Id, p.Silo, p.Role, p.Term, p.LastIndex, p.CommitIndex, p.AppliedIndex, p.SnapshotIndex, p.Reachable));

    private static string Prometheus(int peer, (double Sum, long Count) totals) =>
        string.Create(CultureInfo.InvariantCulture,
            $"raft_commit_latency_milliseconds_bucket{{otel_scope_name=\"RaftOrleans\",peer=\"{peer}\",le=\"5\"}} {totals.Count}\n" +
            $"raft_commit_latency_milliseconds_sum{{otel_scope_name=\"RaftOrleans\",peer=\"{peer}\"}} {totals.Sum} 1735689600000\n" +
            $"raft_commit_latency_milliseconds_count{{otel_scope_name=\"RaftOrleans\",peer=\"{peer}\"}} {totals.Count} 1735689600000\n");

    /// <summary>The value of <c>name=value</c> in a watch line's cluster part.</summary>
    private static string Field(string line, string name) =>
        line.Split(" | ")[0].Split(' ').Single(f => f.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

    private static string[] Cells(string row) => row.Split('│').Skip(1).SkipLast(1).Select(c => c.Trim()).ToArray();
}

using System.Diagnostics;
using Raft.Client;
using Raft.Client.Cluster;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Client;

// Proves the console's side of failover and exactly-once, below Orleans (which moves a call to another live
// gateway by itself): a call that fails on its way is tried again and succeeds; every attempt of one write
// carries the same (client id, sequence), sequences increase from write to write and reads carry none; a
// write whose answer was lost is retried and applied once; an answer from the cluster (a refusal, unavailable,
// not-leader) is final, not retried; gateways that keep failing end in exit 3 "unreachable" and a cluster
// that never answers in exit 3 "timeout", both within --timeout; a failed connect is one line and exit 3.
public sealed class FailoverTests
{
    private readonly FakeCluster _cluster = new();

    [Fact]
    public async Task CallLostOnItsWay_IsTriedAgain_WithTheSameClientIdAndSequence()
    {
        _cluster.Grain.Faults.Enqueue(CallFault.BeforeArrival);

        var run = await ClientRun.RunAsync(_cluster, "put", "k", "v");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["OK 2"], run.OutLines);
        var attempts = _cluster.Grain.Attempts.ToArray();
        Assert.Equal(2, attempts.Length);
        Assert.True(Guid.TryParse(attempts[0].RequestId?.ClientId, out _));
        Assert.Equal(attempts[0].RequestId, attempts[1].RequestId);
        Assert.Single(_cluster.State.Submissions);
    }

    [Fact]
    public async Task LostAnswer_Retried_AppliedOnce()
    {
        // The cluster applies the put, the answer is lost; the retry with the same pair gets the recorded result.
        _cluster.Grain.Faults.Enqueue(CallFault.AnswerLost);

        var run = await ClientRun.RunAsync(_cluster, "put", "k", "v");
        var read = await ClientRun.RunAsync(_cluster, "get", "k");

        Assert.Equal(["OK 2"], run.OutLines);
        Assert.Equal(2, _cluster.State.Submissions.Count);
        Assert.Single(_cluster.State.Submissions.Select(s => s.RequestId).Distinct());
        Assert.Equal(["v (version 2)"], read.OutLines);
    }

    [Fact]
    public async Task SuccessiveWrites_HaveIncreasingSequences_ReadsCarryNone()
    {
        await ClientRun.RunWithInputAsync(_cluster, "put a 1\nget a\nput b 2\ndelete a\nmessage get t\n", "shell");

        var writes = _cluster.Grain.Attempts.Where(a => a.Method == "submit").ToArray();
        Assert.Equal(4, writes.Length);
        Assert.Single(writes.Select(w => w.RequestId!.Value.ClientId).Distinct());
        Assert.Equal([1L, 2L, 3L, 4L], writes.Select(w => w.RequestId!.Value.Sequence));
        Assert.Single(_cluster.Grain.Attempts, a => a.Method == "read");
    }

    [Fact]
    public async Task EachConsoleRun_IsANewClientId()
    {
        await ClientRun.RunAsync(_cluster, "put", "k", "v");
        await ClientRun.RunAsync(_cluster, "put", "k", "w");

        var ids = _cluster.State.Submissions.Select(s => s.RequestId!.Value).ToArray();
        Assert.NotEqual(ids[0].ClientId, ids[1].ClientId);
        Assert.All(ids, id => Assert.Equal(1, id.Sequence));
    }

    [Fact]
    public async Task GatewaysKeepFailing_Exit3Unreachable_WithinTheTimeout()
    {
        _cluster.Grain.AlwaysFail = true;
        var clock = Stopwatch.StartNew();

        var run = await ClientRun.RunAsync(_cluster, "--timeout", "1", "put", "k", "v");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("ERR unreachable: no gateway carried the request within 1 s: the gateway's silo became unavailable", Assert.Single(run.ErrLines), StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        // Paused between attempts, not a busy loop; every attempt the same write.
        Assert.InRange(_cluster.Grain.Attempts.Count, 2, 1 + (int)(1 / ClusterSession.RetryPause.TotalSeconds));
        Assert.Single(_cluster.Grain.Attempts.Select(a => a.RequestId).Distinct());
    }

    [Fact]
    public async Task NoAnswer_Exit3Timeout_AndTheCallIsCancelled()
    {
        _cluster.Grain.Faults.Enqueue(CallFault.NoAnswer);

        var run = await ClientRun.RunAsync(_cluster, "--timeout", "0.5", "get", "k");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(["ERR timeout: no answer from the cluster within 0.5 s; a write may or may not have been applied"], run.ErrLines);
        Assert.True(_cluster.Grain.SawCancellation);
    }

    [Fact]
    public async Task Unavailable_IsAnAnswer_NotRetried_Exit3()
    {
        _cluster.State.Failure = CommandOutcome.Failed(OutcomeStatus.Unavailable, "no quorum");

        var run = await ClientRun.RunAsync(_cluster, "get", "k");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(["ERR unavailable: no quorum"], run.ErrLines);
        Assert.Single(_cluster.Grain.Attempts);
    }

    [Fact]
    public async Task DefiniteRefusal_IsNotRetried()
    {
        var run = await ClientRun.RunAsync(_cluster, "get", "missing");

        Assert.Equal(1, run.ExitCode);
        Assert.Single(_cluster.Grain.Attempts);
    }

    [Fact]
    public async Task ConnectFails_Exit3WithOneLine()
    {
        _cluster.ConnectFailure = new ClusterUnreachableException("no gateway answered (127.0.0.1:1, 127.0.0.1:2): Connection refused");

        var run = await ClientRun.RunAsync(_cluster, "put", "k", "v");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(["ERR unreachable: no gateway answered (127.0.0.1:1, 127.0.0.1:2): Connection refused"], run.ErrLines);
        Assert.Empty(_cluster.Grain.Attempts);
    }

    [Fact]
    public async Task ConnectFailsInShell_LaterLineConnects()
    {
        _cluster.ConnectFailure = new ClusterUnreachableException("no gateway answered (127.0.0.1:30000): Connection refused");
        var lines = new StringReader("put a 1\nput b 2\n");
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new ClientConsole(output, error, new HealingReader(lines, () => _cluster.ConnectFailure = null), GetEnvironmentVariable: _ => null);

        var exitCode = await ClientApp.RunAsync(["shell"], console, _cluster, TestContext.Current.CancellationToken);

        Assert.Equal(3, exitCode);
        Assert.Equal(2, _cluster.Connections.Count);
        Assert.Equal("OK 2", output.ToString().Trim());
        Assert.Single(_cluster.State.Submissions);
    }

    /// <summary>Heals the cluster after the first line has been run (that is, when the second is read).</summary>
    private sealed class HealingReader(TextReader lines, Action heal) : TextReader
    {
        private int _read;

        public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            if (_read++ == 1) heal();
            return lines.ReadLineAsync(cancellationToken);
        }
    }
}

using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Tests.Client;

// Proves that every way the client grain can decline a request becomes the code the HTTP API gives the same
// outcome, on one ERR line, with the documented exit code: refusals (bad-request, too-large, a result that
// says the command was invalid) exit 1; not-leader, timeout and unavailable (also a lapsed session) exit 3,
// since another try later may succeed; a result that does not fit the request, or a call that fails at the
// grain, is the cluster's bug (internal, 1), reported in one line.
public sealed class OutcomeMappingTests
{
    public static TheoryData<OutcomeStatus, string, int> Failures => new()
    {
        { OutcomeStatus.BadRequest, "ERR bad-request: key is empty", 1 },
        { OutcomeStatus.TooLarge, "ERR too-large: value is over 1048576 bytes of UTF-8", 1 },
        { OutcomeStatus.Timeout, "ERR timeout: no leader applied the command in time", 3 },
        { OutcomeStatus.Unavailable, "ERR unavailable: no quorum", 3 },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task FailedOutcome_BecomesItsCodeAndExitCode(OutcomeStatus status, string line, int exitCode)
    {
        var cluster = new FakeCluster();
        cluster.State.Failure = CommandOutcome.Failed(status, line[(line.IndexOf(':', StringComparison.Ordinal) + 2)..]);

        var run = await ClientRun.RunAsync(cluster, "put", "k", "v");

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Equal([line], run.ErrLines);
        Assert.Empty(run.Out);
    }

    [Theory]
    [InlineData("http://127.0.0.1:8081", "ERR not-leader: this silo does not host the leader; the leader is at http://127.0.0.1:8081")]
    [InlineData(null, "ERR not-leader: this silo does not host the leader and no leader is known")]
    public async Task NotLeader_Exit3NamingTheLeaderWhenKnown(string? leader, string line)
    {
        var cluster = new FakeCluster();
        cluster.State.Failure = CommandOutcome.NotLeader(leader);

        var run = await ClientRun.RunAsync(cluster, "get", "k");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal([line], run.ErrLines);
    }

    [Fact]
    public async Task InvalidResult_IsBadRequest_Exit1()
    {
        var cluster = new FakeCluster();
        cluster.State.ForcedResult = new CommandResult.Invalid("sequence out of order");

        var run = await ClientRun.RunAsync(cluster, "delete", "k");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["ERR bad-request: sequence out of order"], run.ErrLines);
    }

    [Fact]
    public async Task SessionExpired_IsUnavailable_Exit3()
    {
        var cluster = new FakeCluster();
        cluster.State.ForcedResult = new CommandResult.SessionExpired();

        var run = await ClientRun.RunAsync(cluster, "message", "get", "t");

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith("ERR unavailable: the cluster session expired", Assert.Single(run.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultThatDoesNotFit_IsInternal_Exit1()
    {
        var cluster = new FakeCluster();
        cluster.State.ForcedResult = new CommandResult.Topics(["t"]);

        var run = await ClientRun.RunAsync(cluster, "put", "k", "v");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["ERR internal: the cluster answered Topics, which does not fit this request"], run.ErrLines);
    }

    [Fact]
    public async Task CallFailingAtTheGrain_IsInternal_OneLine_NotRetried()
    {
        var cluster = new FakeCluster();
        cluster.Grain.Faults.Enqueue(CallFault.GrainThrows);

        var run = await ClientRun.RunAsync(cluster, "get", "k");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["ERR internal: the cluster call failed: InvalidOperationException: no codec for the operation"], run.ErrLines);
        Assert.Single(cluster.Grain.Attempts);
    }
}

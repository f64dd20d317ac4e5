using System.Text.Json;
using Raft.Core.Members;
using Raft.Grains.Members;

namespace Raft.Tests.Client;

// Proves the membership commands against the fake cluster (which changes its membership by the core's own
// rules): `members` as a table and as the HTTP API's JSON, `member add/promote/remove` and `transfer-leader`
// print once committed with exit 0; a refusal is one ERR line with the HTTP API's code and exit 1; a cluster
// that cannot serve now (not ready, transfer under way, timeout) exits 3; a bad id is a usage error (exit 2)
// that sends nothing.
public sealed class MemberCommandTests
{
    private readonly FakeCluster _cluster = new();

    [Fact]
    public async Task Members_TableMarksTheLeaderAndShowsRoles()
    {
        _cluster.State.Members = Membership.Of([1, 2, 3], [4]);

        var run = await ClientRun.RunAsync(_cluster, "members");

        Assert.Equal(0, run.ExitCode);
        var leaderRow = Assert.Single(run.OutLines, l => l.Contains("member-0", StringComparison.Ordinal));
        Assert.Contains("*", leaderRow, StringComparison.Ordinal);
        Assert.Contains("learner", Assert.Single(run.OutLines, l => l.Contains("member-3", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("none", Assert.Single(run.OutLines, l => l.Contains("member-4", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("voters: [1,2,3]  learners: [4]", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_Json_HasTheHttpShape()
    {
        var run = await ClientRun.RunAsync(_cluster, "--json", "members");

        using var members = JsonDocument.Parse(run.Out);
        Assert.Equal("[1,2,3]", members.RootElement.GetProperty("voters").GetRawText());
        Assert.Equal(5, members.RootElement.GetProperty("members").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, members.RootElement.GetProperty("members")[4].GetProperty("matchIndex").ValueKind);
    }

    [Fact]
    public async Task GrowAndShrink_EachStepCommitted()
    {
        var add = await ClientRun.RunAsync(_cluster, "member", "add", "4", "--learner");
        var promote = await ClientRun.RunAsync(_cluster, "member", "promote", "4");
        var addVoter = await ClientRun.RunAsync(_cluster, "--json", "member", "add", "5");
        var remove = await ClientRun.RunAsync(_cluster, "member", "remove", "1");

        Assert.Equal(["OK peer 4 is a learner (index 1)"], add.OutLines);
        Assert.Equal(["OK peer 4 is a voter (index 2)"], promote.OutLines);
        Assert.Equal(["""{"id":5,"role":"voter","index":3}"""], addVoter.OutLines);
        Assert.Equal(["OK peer 1 is no member (index 4)"], remove.OutLines);
        Assert.Equal(Membership.Of([2, 3, 4, 5]), _cluster.State.Members);
    }

    [Fact]
    public async Task TransferLeader_PrintsTheNewLeader()
    {
        var run = await ClientRun.RunAsync(_cluster, "transfer-leader", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["OK peer 3 leads (http://127.0.0.1:8083)"], run.OutLines);
    }

    [Theory]
    [InlineData("already-member", "member", "add", "2")]
    [InlineData("invalid-peer", "member", "add", "9", "--learner")]
    [InlineData("already-voter", "member", "promote", "3")]
    [InlineData("unknown-member", "member", "promote", "4")]
    [InlineData("unknown-member", "member", "remove", "5")]
    [InlineData("unknown-member", "transfer-leader", "5")]
    public async Task Refusal_Exit1_OneErrLine_ChangesNothing(string code, params string[] args)
    {
        var run = await ClientRun.RunAsync(_cluster, args);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrLines);
        Assert.StartsWith($"ERR {code}: ", line, StringComparison.Ordinal);
        Assert.Equal(Membership.Of([1, 2, 3]), _cluster.State.Members);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task RemoveLastVoter_Exit1()
    {
        _cluster.State.Members = Membership.Of([1]);

        var run = await ClientRun.RunAsync(_cluster, "member", "remove", "1");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("ERR last-voter: ", Assert.Single(run.ErrLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MembershipStatus.ChangePending, 1, "change-pending")]
    [InlineData(MembershipStatus.LeaderNotReady, 3, "leader-not-ready")]
    [InlineData(MembershipStatus.TransferInProgress, 3, "transfer-in-progress")]
    [InlineData(MembershipStatus.Timeout, 3, "timeout")]
    public async Task ClusterRefusal_ExitCodeByKind(MembershipStatus failure, int exitCode, string code)
    {
        _cluster.State.MembershipFailure = failure;

        var run = await ClientRun.RunAsync(_cluster, "--json", "member", "add", "4", "--learner");

        Assert.Equal(exitCode, run.ExitCode);
        using var error = JsonDocument.Parse(Assert.Single(run.ErrLines));
        Assert.Equal(code, error.RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("member", "add", "0")]
    [InlineData("member", "add", "four")]
    [InlineData("member", "promote")]
    [InlineData("member", "remove", "-2")]
    [InlineData("transfer-leader", "x")]
    public async Task BadId_UsageError_NothingSent(params string[] args)
    {
        var run = await ClientRun.RunAsync(_cluster, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(_cluster.Connections);
        Assert.Empty(_cluster.State.MembershipChanges);
    }
}

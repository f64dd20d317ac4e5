namespace Raft.Tests.Client;

// Proves that bad command lines exit 2 with exactly one "ERR usage:" line on stderr and send nothing:
// missing arguments, an unknown command, a non-numeric version, invalid option values, a bad endpoint
// URL; and that --help succeeds. No server is involved: a dead endpoint proves nothing was sent
// (sending would exit 3, not 2).
public sealed class UsageErrorTests
{
    private readonly string _endpoint = DeadEndpoint.Create();

    [Theory]
    [InlineData("put", "onlykey")]
    [InlineData("frobnicate")]
    [InlineData("cas", "k", "seven", "v")]
    [InlineData("put", "k", "v", "--ttl", "0")]
    [InlineData("bench", "--ops", "0")]
    [InlineData("bench", "--read-ratio", "1.5")]
    [InlineData("topic")]
    [InlineData("get", "k", "--timeout", "-1")]
    [InlineData()]
    public async Task BadCommandLine_Exit2WithOneUsageLine(params string[] args)
    {
        var run = await ClientRun.RunAsync(["--endpoints", _endpoint, .. args]);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.StartsWith("ERR usage:", Assert.Single(run.ErrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadEndpointUrl_Exit2()
    {
        var run = await ClientRun.RunAsync("--endpoints", "ftp://nowhere", "get", "k");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["ERR usage: --endpoints: 'ftp://nowhere' is not an http(s) URL"], run.ErrLines);
    }

    [Fact]
    public async Task Help_Exit0AndListsCommands()
    {
        var run = await ClientRun.RunAsync("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in (string[])["put", "get", "delete", "cas", "topic", "message", "status", "bench", "shell"])
        {
            Assert.Contains($"  {command} ", run.Out, StringComparison.Ordinal);
        }
    }
}

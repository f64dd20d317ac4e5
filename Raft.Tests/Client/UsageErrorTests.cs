namespace Raft.Tests.Client;

// Proves that bad command lines exit 2 with exactly one "ERR usage:" line on stderr and never connect:
// missing arguments, an unknown command, a non-numeric version, invalid option values (a watch interval
// out of range, --interval without --watch, --watch with --node), a malformed gateway
// list, gateways named twice, an unusable cluster file; and that --help succeeds without connecting.
public sealed class UsageErrorTests
{
    private readonly FakeCluster _cluster = new();

    [Theory]
    [InlineData("put", "onlykey")]
    [InlineData("frobnicate")]
    [InlineData("cas", "k", "seven", "v")]
    [InlineData("put", "k", "v", "--ttl", "0")]
    [InlineData("bench", "--ops", "0")]
    [InlineData("bench", "--read-ratio", "1.5")]
    [InlineData("topic")]
    [InlineData("status", "--watch", "--interval", "0")]
    [InlineData("status", "--watch", "--interval", "99")]
    [InlineData("status", "--watch", "--interval", "fast")]
    [InlineData("bench", "--ops", "many")]
    [InlineData("bench", "--read-ratio", "half")]
    [InlineData("put", "k", "v", "--ttl", "soon")]
    [InlineData("get", "k", "--timeout", "long")]
    [InlineData("status", "--interval", "500")]
    [InlineData("status", "--watch", "--node")]
    [InlineData("get", "k", "--timeout", "-1")]
    [InlineData("get", "k", "--cluster-id", "")]
    [InlineData("get", "k", "--gateways", "127.0.0.1")]
    [InlineData("get", "k", "--gateways", "127.0.0.1:0")]
    [InlineData("get", "k", "--gateways", "::1:30000")]
    [InlineData("get", "k", "--gateways", ",")]
    [InlineData("get", "k", "--cluster-file", "/no/such/cluster.json")]
    [InlineData("get", "k", "--cluster-file", "cluster.json", "--gateways", "127.0.0.1:30000")]
    [InlineData()]
    public async Task BadCommandLine_Exit2WithOneUsageLine_NeverConnects(params string[] args)
    {
        var run = await ClientRun.RunAsync(_cluster, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.Out);
        Assert.StartsWith("ERR usage:", Assert.Single(run.ErrLines), StringComparison.Ordinal);
        Assert.Empty(_cluster.Connections);
    }

    [Fact]
    public async Task HttpUrlAsGateway_Exit2SayingWhatAGatewayIs()
    {
        var run = await ClientRun.RunAsync(_cluster, "--gateways", "http://127.0.0.1:8080", "get", "k");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["ERR usage: --gateways: 'http://127.0.0.1:8080' is a URL; a gateway is host:port (the silo's Orleans gateway, not its HTTP address)"], run.ErrLines);
    }

    [Fact]
    public async Task BadGatewayInShell_EndsTheShellBeforeItsFirstLine()
    {
        var run = await ClientRun.RunWithInputAsync(_cluster, "put k v\n", "--gateways", "nohost", "shell");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("ERR usage: --gateways:", Assert.Single(run.ErrLines), StringComparison.Ordinal);
        Assert.Empty(_cluster.Connections);
    }

    [Fact]
    public async Task Help_Exit0AndListsCommands()
    {
        var run = await ClientRun.RunAsync(_cluster, "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var command in (string[])["put", "get", "delete", "cas", "topic", "message", "status", "bench", "shell"])
        {
            Assert.Contains($"  {command} ", run.Out, StringComparison.Ordinal);
        }
        foreach (var option in (string[])["--gateways", "--cluster-file", "--cluster-id", "--timeout", "--json"])
        {
            Assert.Contains(option, run.Out, StringComparison.Ordinal);
        }
        Assert.Empty(_cluster.Connections);
    }
}

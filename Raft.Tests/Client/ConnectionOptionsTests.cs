using Raft.Client.Cluster;

namespace Raft.Tests.Client;

// Proves what the console asks its connector for: by default the default silo's gateway, cluster "raft" and
// a 10 s timeout; $RAFT_GATEWAYS when set; --gateways, --cluster-id and --timeout as given; the gateways of
// a cluster file (which wins over $RAFT_GATEWAYS); and that connecting waits for a command that needs the cluster.
public sealed class ConnectionOptionsTests
{
    private readonly FakeCluster _cluster = new();

    [Fact]
    public async Task Defaults_DefaultSilosGateway_ClusterRaft_TenSeconds()
    {
        await ClientRun.RunAsync(_cluster, "get", "k");

        var settings = Assert.Single(_cluster.Connections);
        Assert.Equal([new GatewayAddress("127.0.0.1", 30000)], settings.Gateways);
        Assert.Equal("raft", settings.ClusterId);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Timeout);
    }

    [Fact]
    public async Task EnvironmentVariable_GivesTheGateways()
    {
        await ClientRun.RunWithEnvironmentAsync(_cluster, "", name => name == "RAFT_GATEWAYS" ? "10.0.0.1:30000,10.0.0.2:30000" : null, "get", "k");

        Assert.Equal([new GatewayAddress("10.0.0.1", 30000), new GatewayAddress("10.0.0.2", 30000)], Assert.Single(_cluster.Connections).Gateways);
    }

    [Fact]
    public async Task Flags_AnywhereOnTheLine()
    {
        await ClientRun.RunAsync(_cluster, "get", "k", "-g", "127.0.0.1:1,127.0.0.1:2", "--cluster-id", "blue", "--timeout", "2.5");

        var settings = Assert.Single(_cluster.Connections);
        Assert.Equal([new GatewayAddress("127.0.0.1", 1), new GatewayAddress("127.0.0.1", 2)], settings.Gateways);
        Assert.Equal("blue", settings.ClusterId);
        Assert.Equal(TimeSpan.FromSeconds(2.5), settings.Timeout);
    }

    [Fact]
    public async Task ClusterFile_GivesTheGateways_OverTheEnvironment()
    {
        var file = Path.Combine(Path.GetTempPath(), "raft-cluster-" + Guid.NewGuid().ToString("N") + ".json");
        await File.WriteAllTextAsync(file, """{"addresses":[{"ip":"127.0.0.1","port":8080,"internal_port":11111},{"ip":"127.0.0.1","port":8081,"internal_port":11112,"gateway_port":30001}]}""", TestContext.Current.CancellationToken);
        try
        {
            await ClientRun.RunWithEnvironmentAsync(_cluster, "", name => name == "RAFT_GATEWAYS" ? "10.0.0.1:30000" : null, "--cluster-file", file, "get", "k");
        }
        finally
        {
            File.Delete(file);
        }

        Assert.Equal([new GatewayAddress("127.0.0.1", 12111), new GatewayAddress("127.0.0.1", 30001)], Assert.Single(_cluster.Connections).Gateways);
    }

    [Fact]
    public async Task ShellWithoutCommands_NeverConnects()
    {
        var run = await ClientRun.RunWithInputAsync(_cluster, "# nothing to do\nhistory\n", "shell");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(_cluster.Connections);
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Raft.Core.Snapshots;
using Raft.Silo.Configuration;
using Raft.Silo.Hosting;

namespace Raft.Tests.Hosting;

/// <summary>
/// Proves how the silo reads its options: with nothing configured it is one silo hosting peers 1..5 on
/// http://127.0.0.1:8080; a cluster file makes it member I hosting peer I+1 on that member's ports with
/// its own data folder; RAFT_ variables and short flags reach the options; and every bad input (missing
/// file, bad JSON, member out of range, bad values) stops with one clear line naming the problem; the
/// snapshot options reach every peer's settings.
/// </summary>
public sealed class SiloOptionsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("raft-options-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static SiloOptions Load(params string[] args)
    {
        var configuration = new ConfigurationBuilder();
        SiloConfigurationSources.Add(configuration, args);
        return SiloOptionsLoader.Load(configuration.Build());
    }

    private static SiloOptions Load(IDictionary<string, string?> settings) =>
        SiloOptionsLoader.Load(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    private string WriteClusterFile(string text)
    {
        var path = Path.Combine(_folder, "cluster.json");
        File.WriteAllText(path, text);
        return path;
    }

    private static string ThreeMembers => """
        {"addresses":[
          {"ip":"127.0.0.1","port":9001,"internal_port":9101},
          {"ip":"127.0.0.1","port":9002,"internal_port":9102},
          {"ip":"127.0.0.1","port":9003,"internal_port":9103}]}
        """;

    [Fact]
    public void Default_OneSiloHostingFivePeers_OnPort8080()
    {
        var options = Load(new Dictionary<string, string?>());

        Assert.Equal("silo-1", options.Name);
        Assert.Equal("http://127.0.0.1:8080", options.ClientUrl);
        var self = Assert.Single(options.Members);
        Assert.Equal([1, 2, 3, 4, 5], self.PeerIds);
        Assert.Equal(StorageOptions.Sqlite, options.Storage.Provider);
        Assert.Equal(10, options.Timing.TickIntervalMs);
        Assert.Equal(10, options.Timing.ElectionTicks);
        Assert.Equal(2, options.Timing.HeartbeatTicks);
        Assert.Equal(10_000, options.Snapshots.EntriesThreshold);
        Assert.Equal(64L << 20, options.Snapshots.BytesThreshold);
        Assert.Equal(1_000, options.Snapshots.TrailingEntries);
    }

    [Fact]
    public void ClusterFile_MemberI_HostsPeerIPlusOne_OnItsPorts_WithItsOwnDataFolder()
    {
        var options = Load("--cluster-file", WriteClusterFile(ThreeMembers), "--member", "1");

        Assert.Equal("member-1", options.Name);
        Assert.Equal("http://127.0.0.1:9002", options.ClientUrl);
        Assert.Equal("127.0.0.1:9102", options.SiloAddress);
        Assert.Equal([2], options.FindSelf().PeerIds);
        Assert.Equal([1, 2, 3], options.GroupPeerIds());
        Assert.Equal(Path.Combine("data", "member-9002-9102"), options.Storage.DataDirectory);
    }

    [Fact]
    public void ClusterFile_DataDirFlag_Wins()
    {
        var options = Load("--cluster-file", WriteClusterFile(ThreeMembers), "--member", "0", "--data-dir", "/tmp/mine");
        Assert.Equal("/tmp/mine", options.Storage.DataDirectory);
    }

    [Fact]
    public void ClusterFile_Missing_SaysNotFound()
    {
        var missing = Path.Combine(_folder, "nope.json");
        var error = Assert.Throws<SiloOptionsException>(() => Load("--cluster-file", missing, "--member", "0"));
        Assert.Equal($"cluster file '{missing}' not found", error.Message);
    }

    [Fact]
    public void ClusterFile_BadJson_SaysNotValidJson()
    {
        var path = WriteClusterFile("{\"addresses\": [ {\"ip\": ");
        var error = Assert.Throws<SiloOptionsException>(() => Load("--cluster-file", path, "--member", "0"));
        Assert.StartsWith($"cluster file '{path}' is not valid JSON:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ClusterFile_MemberOutOfRange_NamesTheRange()
    {
        var path = WriteClusterFile(ThreeMembers);
        var error = Assert.Throws<SiloOptionsException>(() => Load("--cluster-file", path, "--member", "3"));
        Assert.Equal($"member 3 is out of range: cluster file '{path}' lists 3 addresses (members 0..2)", error.Message);
    }

    [Fact]
    public void ClusterFile_NegativeMember_IsOutOfRange()
    {
        var path = WriteClusterFile(ThreeMembers);
        var error = Assert.Throws<SiloOptionsException>(() => Load("--cluster-file", path, "--member", "-1"));
        Assert.StartsWith("member -1 is out of range", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", "lists no addresses")]
    [InlineData("{\"addresses\":[{\"port\":1,\"internal_port\":2}]}", "address 0 has no \"ip\"")]
    [InlineData("{\"addresses\":[{\"ip\":\"localhost\",\"port\":1,\"internal_port\":2}]}", "not an IP address")]
    [InlineData("{\"addresses\":[{\"ip\":\"127.0.0.1\",\"port\":70000,\"internal_port\":2}]}", "port 70000, outside 1..65535")]
    [InlineData("{\"addresses\":[{\"ip\":\"127.0.0.1\",\"port\":1}]}", "has no \"internal_port\"")]
    [InlineData("{\"addresses\":[{\"ip\":\"127.0.0.1\",\"port\":1,\"internal_port\":2},{\"ip\":\"127.0.0.1\",\"port\":2,\"internal_port\":3}]}", "127.0.0.1:2 is used twice")]
    public void ClusterFile_BadEntries_AreNamed(string json, string expected)
    {
        var error = Assert.Throws<SiloOptionsException>(() => ClusterFileReader.Parse(json, "c.json"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-x")]
    [InlineData("--membr")]
    public void UnknownFlag_IsRefused_NotIgnored(string flag)
    {
        var error = Assert.Throws<SiloOptionsException>(() => Load(flag, "0"));
        Assert.StartsWith($"unknown flag '{flag}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FullConfigurationKeyFlag_IsAccepted()
    {
        Assert.Equal(50, Load("--Raft:Timing:TickIntervalMs=50").Timing.TickIntervalMs);
    }

    [Fact]
    public void SnapshotOptions_AreBound_AndReachThePeersSettings()
    {
        var options = Load(new Dictionary<string, string?>
        {
            ["Raft:Snapshots:EntriesThreshold"] = "500",
            ["Raft:Snapshots:BytesThreshold"] = "4096",
            ["Raft:Snapshots:TrailingEntries"] = "0",
        });
        var host = new SiloRaftPeerHost(options, new InMemoryPeerStorageFactory(), new RecordingStateMachineFactory(), new LoggingPeerObserver(NullLogger<LoggingPeerObserver>.Instance));

        Assert.Equal(new SnapshotPolicy { EntriesThreshold = 500, BytesThreshold = 4096, TrailingEntries = 0 }, host.SettingsFor(1).Snapshots);
    }

    [Fact]
    public void MemberWithoutClusterFile_IsRefused()
    {
        var error = Assert.Throws<SiloOptionsException>(() => Load("--member", "0"));
        Assert.Equal("--member needs --cluster-file", error.Message);
    }

    [Theory]
    [InlineData("Raft:Timing:TickIntervalMs", "0", "Raft:Timing:TickIntervalMs must be positive")]
    [InlineData("Raft:Timing:ElectionTicks", "1", "ElectionTicks must exceed HeartbeatTicks")]
    [InlineData("Raft:Timing:ElectionTicks", "ten", "bad option:")]
    [InlineData("Raft:Snapshots:EntriesThreshold", "0", "Raft:Snapshots:EntriesThreshold must be positive")]
    [InlineData("Raft:Snapshots:BytesThreshold", "-1", "Raft:Snapshots:BytesThreshold must be positive")]
    [InlineData("Raft:Snapshots:TrailingEntries", "-1", "Raft:Snapshots:TrailingEntries must not be negative")]
    [InlineData("Raft:Snapshots:EntriesThreshold", "many", "bad option:")]
    [InlineData("Raft:Dashboard:IntervalMs", "10", "Raft:Dashboard:IntervalMs must be between 50 and 5000, was 10")]
    [InlineData("Raft:Dashboard:LogCells", "0", "Raft:Dashboard:LogCells must be between 1 and 200, was 0")]
    [InlineData("Raft:Dashboard:Controls", "maybe", "bad option:")]
    [InlineData("Raft:OrleansDashboard", "perhaps", "bad option:")]
    [InlineData("Raft:Storage:Provider", "oracle", "Raft:Storage:Provider 'oracle' is not one of memory, sqlite, postgresql")]
    [InlineData("Raft:Storage:Provider", "postgresql", "ConnectionString is required")]
    [InlineData("Raft:ClientUrl", "ftp://x", "Raft:ClientUrl 'ftp://x' is not an http")]
    [InlineData("Raft:SiloAddress", "nohost", "Raft:SiloAddress 'nohost' is not host:port")]
    public void BadOption_StopsWithOneLineNamingIt(string key, string value, string expected)
    {
        var error = Assert.Throws<SiloOptionsException>(() => Load(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void PeerHostedTwice_IsRefused()
    {
        var error = Assert.Throws<SiloOptionsException>(() => Load(new Dictionary<string, string?>
        {
            ["Raft:Name"] = "a",
            ["Raft:Members:0:Name"] = "a",
            ["Raft:Members:0:ClientUrl"] = "http://127.0.0.1:1",
            ["Raft:Members:0:SiloAddress"] = "127.0.0.1:2",
            ["Raft:Members:0:PeerIds:0"] = "1",
            ["Raft:Members:1:Name"] = "b",
            ["Raft:Members:1:ClientUrl"] = "http://127.0.0.1:3",
            ["Raft:Members:1:SiloAddress"] = "127.0.0.1:4",
            ["Raft:Members:1:PeerIds:0"] = "1",
        }));
        Assert.Equal("peer 1 is hosted by both a and b", error.Message);
    }

    [Fact]
    public void RaftEnvironmentVariables_MapOntoOptions()
    {
        var variables = new System.Collections.Hashtable
        {
            ["RAFT_NAME"] = "env-silo",
            ["RAFT_STORAGE__DATA_DIRECTORY"] = "/var/raft",
            ["RAFT_TIMING__TICK_INTERVAL_MS"] = "25",
            ["Raft__Ignored"] = "not ours: the generic host reads these",
            ["PATH"] = "/bin",
        };
        var settings = SiloConfigurationSources.FromRaftEnvironment(variables).ToDictionary();
        settings["Raft:ClientUrl"] = "http://127.0.0.1:8081";

        var options = Load(settings);

        Assert.Equal(3, SiloConfigurationSources.FromRaftEnvironment(variables).Count());
        Assert.Equal("env-silo", options.Name);
        Assert.Equal("/var/raft", options.Storage.DataDirectory);
        Assert.Equal(25, options.Timing.TickIntervalMs);
    }
}

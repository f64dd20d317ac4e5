using Raft.Client.Cluster;
using Raft.Client.Shell;

namespace Raft.Tests.Client;

// Proves the small parsers the console relies on: the shell's tokenizer (quotes, escapes, an unterminated
// quote is an error), the gateway list (host:port in the order given, duplicates dropped, IPv6 in brackets,
// URLs and bad ports refused) and the cluster file's gateways (gateway_port, else internal_port + 1000,
// every problem naming the file and the entry).
public sealed class ShellTokenizerAndEndpointTests
{
    [Theory]
    [InlineData("put k v", new[] { "put", "k", "v" })]
    [InlineData("  put   k\tv  ", new[] { "put", "k", "v" })]
    [InlineData("put k \"two words\"", new[] { "put", "k", "two words" })]
    [InlineData("put k 'say \"hi\"'", new[] { "put", "k", "say \"hi\"" })]
    [InlineData("put k \"a \\\"q\\\" b\"", new[] { "put", "k", "a \"q\" b" })]
    [InlineData("put k a\\ b", new[] { "put", "k", "a b" })]
    [InlineData("put k ''", new[] { "put", "k", "" })]
    public void Split_HandlesQuotesAndEscapes(string line, string[] expected)
    {
        Assert.Equal(expected, ShellTokenizer.Split(line));
    }

    [Fact]
    public void Split_UnterminatedQuote_Throws()
    {
        Assert.Throws<FormatException>(() => ShellTokenizer.Split("put k \"open"));
    }

    [Fact]
    public void GatewayList_KeepsOrder_DropsDuplicates_TakesIPv6InBrackets()
    {
        var gateways = GatewayList.Parse(" 127.0.0.1:30001, localhost:30000 ,127.0.0.1:30001,[::1]:30002");

        Assert.Equal([new GatewayAddress("127.0.0.1", 30001), new GatewayAddress("localhost", 30000), new GatewayAddress("::1", 30002)], gateways);
        Assert.Equal("[::1]:30002", gateways[2].ToString());
    }

    [Theory]
    [InlineData("http://127.0.0.1:30000")]
    [InlineData(",")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:65536")]
    [InlineData(":30000")]
    [InlineData("::1:30000")]
    public void GatewayList_BadInput_Throws(string text)
    {
        Assert.Throws<FormatException>(() => GatewayList.Parse(text));
    }

    [Fact]
    public void ClusterFile_GatewayPortOrInternalPortPlus1000_InFileOrder()
    {
        var gateways = ClusterFileGateways.Parse(
            """
            // the seeds' format, with an optional gateway_port
            {"addresses":[
              {"ip":"127.0.0.1","port":8080,"internal_port":11111},
              {"ip":"127.0.0.2","port":8081,"internal_port":11112,"gateway_port":40000},
            ]}
            """,
            "cluster.json");

        Assert.Equal([new GatewayAddress("127.0.0.1", 12111), new GatewayAddress("127.0.0.2", 40000)], gateways);
    }

    [Theory]
    [InlineData("not json", "is not valid JSON")]
    [InlineData("""{"addresses":[]}""", "lists no addresses")]
    [InlineData("""{"addresses":[{"ip":"localhost","internal_port":1}]}""", "address 0 has no \"ip\" that is an IP address")]
    [InlineData("""{"addresses":[{"ip":"127.0.0.1","port":8080}]}""", "address 0 has neither \"gateway_port\" nor \"internal_port\"")]
    [InlineData("""{"addresses":[{"ip":"127.0.0.1","internal_port":65000}]}""", "internal_port + 1000 is over 65535")]
    [InlineData("""{"addresses":[{"ip":"127.0.0.1","gateway_port":"x"}]}""", "has gateway_port \"x\", not a port")]
    public void ClusterFile_Unusable_ThrowsNamingTheFileAndEntry(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ClusterFileGateways.Parse(text, "c.json"));

        Assert.Contains("cluster file 'c.json'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}

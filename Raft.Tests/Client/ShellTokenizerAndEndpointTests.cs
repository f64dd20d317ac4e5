using Raft.Client.Api;
using Raft.Client.Shell;

namespace Raft.Tests.Client;

// Proves the small parsers the console relies on: the shell's tokenizer (quotes, escapes, an unterminated
// quote is an error) and the endpoint list (bare host:port means http, duplicates collapse, a preferred
// endpoint moves to the front, other schemes are refused).
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
    public void EndpointList_BareHostPort_IsHttp_DuplicatesCollapse()
    {
        var list = EndpointList.Parse("localhost:8080, http://localhost:8080/ ,http://127.0.0.1:8081");

        Assert.Equal(["http://localhost:8080/", "http://127.0.0.1:8081/"], list.InTryOrder().Select(u => u.ToString()));
    }

    [Fact]
    public void EndpointList_Prefer_MovesOrAddsToFront()
    {
        var list = EndpointList.Parse("http://a:1,http://b:2");

        list.Prefer(new Uri("http://b:2"));
        Assert.Equal(["http://b:2/", "http://a:1/"], list.InTryOrder().Select(u => u.ToString()));

        list.Prefer(new Uri("http://c:3"));
        Assert.Equal(["http://c:3/", "http://b:2/", "http://a:1/"], list.InTryOrder().Select(u => u.ToString()));
    }

    [Theory]
    [InlineData("ftp://x:1")]
    [InlineData(",")]
    [InlineData("http://")]
    public void EndpointList_BadInput_Throws(string text)
    {
        Assert.Throws<FormatException>(() => EndpointList.Parse(text));
    }
}

using System.Text;
using Raft.Benchmarks.Cluster;

namespace Raft.Tests.Benchmarks;

// Proves what the benchmarks send: etcd's gateway gets base64 key and value in a POST (a range without
// "serializable", so linearizable), ours a PUT of {"value":...} to /kv/{escaped key}, the dotNext server a PUT
// of the bare value to /kv/{escaped key} and a GET of the same path; and that an etcd
// status answer yields the member's id, its leader's (0 when the gateway leaves the field out) and the
// version. The JSON is etcd 3.4.23's, as captured from a running member.
public sealed class BenchHttpApiTests
{
    [Fact]
    public async Task EtcdPut_PostsBase64KeyAndValue()
    {
        using var request = EtcdGatewayApi.Instance.Put("http://127.0.0.1:2379", "foo", "bar");

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("http://127.0.0.1:2379/v3/kv/put", request.RequestUri!.ToString());
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("""{"key":"Zm9v","value":"YmFy"}""", await request.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EtcdLinearizableGet_IsARangeWithoutSerializable()
    {
        using var request = EtcdGatewayApi.Instance.LinearizableGet("http://127.0.0.1:2379", "get-000000000007");

        Assert.Equal("http://127.0.0.1:2379/v3/kv/range", request.RequestUri!.ToString());
        var body = await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal($$"""{"key":"{{Convert.ToBase64String(Encoding.UTF8.GetBytes("get-000000000007"))}}"}""", body);
    }

    [Fact]
    public void EtcdStatus_NamesMemberLeaderAndVersion()
    {
        const string json = """
            {"header":{"cluster_id":"8570459336700167655","member_id":"8645782499530242234","revision":"1","raft_term":"2"},
             "version":"3.4.23","dbSize":"20480","leader":"11539305337000706507","raftIndex":"8","raftTerm":"2"}
            """;

        Assert.Equal(("8645782499530242234", "11539305337000706507", "3.4.23"), EtcdGatewayApi.ParseStatus(json));
    }

    [Fact]
    public void EtcdStatus_WithoutLeaderField_HasLeaderZero()
    {
        const string json = """{"header":{"member_id":"42"},"version":"3.4.23","raftTerm":"3"}""";

        Assert.Equal("0", EtcdGatewayApi.ParseStatus(json).LeaderId);
    }

    [Fact]
    public async Task OursPut_PutsTheValueToTheEscapedKey()
    {
        using var request = RaftHttpApi.Instance.Put("http://127.0.0.1:5000", "a/b", "v\"1");

        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("http://127.0.0.1:5000/kv/a%2Fb", request.RequestUri!.AbsoluteUri);
        Assert.Equal("""{"value":"v\u00221"}""", await request.Content!.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DotNextPut_PutsTheBareValueToTheEscapedKey()
    {
        using var request = DotNextKvApi.Instance.Put("http://127.0.0.1:6000", "a/b", "v\"1");

        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("http://127.0.0.1:6000/kv/a%2Fb", request.RequestUri!.AbsoluteUri);
        Assert.Equal("application/octet-stream", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("v\"1", await request.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void DotNextLinearizableGet_GetsTheKey()
    {
        using var request = DotNextKvApi.Instance.LinearizableGet("http://127.0.0.1:6000", "get-000000000007");

        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("http://127.0.0.1:6000/kv/get-000000000007", request.RequestUri!.AbsoluteUri);
    }
}

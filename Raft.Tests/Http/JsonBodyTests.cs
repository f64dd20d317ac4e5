using System.Text;
using Microsoft.AspNetCore.Http;
using Raft.Silo.Http;

namespace Raft.Tests.Http;

// Proves the body reader refuses an oversized body without buffering it: with a Content-Length over the limit
// it reads nothing, and without one it stops within one read chunk of the limit. Runs the reader on a bare
// HttpContext over a counting stream, where what was read can be seen (over a socket the server drains the
// rest after answering, so the client cannot tell).
public sealed class JsonBodyTests
{
    private const int LimitBytes = 1024;

    [Fact]
    public async Task DeclaredLengthOverLimit_ReadsNothing()
    {
        var body = Body(1_000_000);
        var context = Context(body, contentLength: 1_000_000);

        var refused = await Assert.ThrowsAsync<ApiProblemException>(() => JsonBody.ReadObjectAsync(context, LimitBytes, CancellationToken.None));

        Assert.Equal("the request body is over 1024 bytes", refused.Message);
        Assert.Equal(0, body.BytesRead);
    }

    [Fact]
    public async Task UndeclaredLengthOverLimit_StopsNearTheLimit()
    {
        var body = Body(1_000_000);
        var context = Context(body, contentLength: null);

        var refused = await Assert.ThrowsAsync<ApiProblemException>(() => JsonBody.ReadObjectAsync(context, LimitBytes, CancellationToken.None));

        Assert.Equal("the request body is over 1024 bytes", refused.Message);
        Assert.InRange(body.BytesRead, LimitBytes + 1, LimitBytes + 4096);
    }

    [Fact]
    public async Task BodyAtTheLimit_IsRead()
    {
        var json = "{\"value\":\"" + new string('v', LimitBytes - 12) + "\"}";
        Assert.Equal(LimitBytes, json.Length);
        var context = Context(new UnknownLengthStream(Encoding.UTF8.GetBytes(json)), contentLength: null);

        var root = await JsonBody.ReadObjectAsync(context, LimitBytes, CancellationToken.None);

        Assert.Equal(LimitBytes - 12, root.GetProperty("value").GetString()!.Length);
    }

    private static UnknownLengthStream Body(int bytes) => new(Encoding.UTF8.GetBytes("{\"value\":\"" + new string('v', bytes) + "\"}"));

    private static DefaultHttpContext Context(Stream body, long? contentLength)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = body;
        context.Request.ContentLength = contentLength;
        return context;
    }
}

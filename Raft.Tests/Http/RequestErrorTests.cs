using System.Net.Http.Headers;
using System.Text;
using Raft.Grains.StateMachine;
using Raft.Silo.Http;

namespace Raft.Tests.Http;

// Proves bad requests are refused with the one problem model and never reach the cluster (the fake saw no
// call): malformed JSON, a body that is not an object, missing members, members of the wrong JSON type,
// duplicate members, rule breaches (empty key, zero TTL, negative expected version), text over the state
// machine's limits (413), bodies over the body limit both with a Content-Length and chunked (413 before the
// body is read whole), and requests for unknown routes (404) or with the wrong method (405).
public sealed class RequestErrorTests : IAsyncLifetime
{
    private static readonly StateMachineLimits _limits = new() { MaxKeyBytes = 8, MaxValueBytes = 16, MaxTopicBytes = 4, MaxMessageBytes = 8 };

    private ApiHost _api = null!;

    public async ValueTask InitializeAsync() =>
        _api = await ApiHost.StartAsync(options: new HttpApiOptions { Limits = _limits, MaxRequestBodyBytes = 1024 });

    public ValueTask DisposeAsync() => _api.DisposeAsync();

    [Theory]
    [InlineData("{", "the body is not valid JSON")]
    [InlineData("value=v", "the body is not valid JSON")]
    [InlineData("", "the body is empty; expected a JSON object")]
    [InlineData("[\"v\"]", "the body is a JSON array; expected a JSON object")]
    [InlineData("\"v\"", "the body is a JSON string; expected a JSON object")]
    [InlineData("{}", "'value' is required and must be a string")]
    [InlineData("{\"value\":null}", "'value' is required and must be a string")]
    [InlineData("{\"value\":5}", "'value' must be a string, not the number 5")]
    [InlineData("{\"value\":{\"a\":1}}", "'value' must be a string, not an object")]
    [InlineData("{\"value\":\"v\",\"ttlSeconds\":\"30\"}", "'ttlSeconds' must be a whole number, not a string")]
    [InlineData("{\"value\":\"v\",\"ttlSeconds\":1.5}", "'ttlSeconds' must be a whole number, not the number 1.5")]
    [InlineData("{\"value\":\"v\",\"ttlSeconds\":99999999999999999999}", "'ttlSeconds' must be a whole number")]
    [InlineData("{\"value\":\"v\",\"ttlSeconds\":0}", "ttl must be positive")]
    [InlineData("{\"value\":\"a\",\"value\":\"b\"}", "the body is not valid JSON")]
    [InlineData("{\"value\":\"\\ud800\"}", "'value' is not valid Unicode")]
    public async Task Put_BadBody_400BadRequestNothingSubmitted(string body, string detail)
    {
        var response = await _api.PutAsync("kv/k", body);

        AssertProblem(response, 400, "bad-request", detail);
    }

    [Theory]
    [InlineData("{\"value\":\"v\"}", "'expectedVersion' is required and must be a whole number")]
    [InlineData("{\"expectedVersion\":\"7\",\"value\":\"v\"}", "'expectedVersion' must be a whole number, not a string")]
    [InlineData("{\"expectedVersion\":true,\"value\":\"v\"}", "'expectedVersion' must be a whole number, not a boolean")]
    [InlineData("{\"expectedVersion\":-1,\"value\":\"v\"}", "expected version is negative")]
    [InlineData("{\"expectedVersion\":1}", "'value' is required and must be a string")]
    public async Task Cas_BadBody_400BadRequestNothingSubmitted(string body, string detail)
    {
        var response = await _api.SendAsync(HttpMethod.Post, "kv/k/cas", body);

        AssertProblem(response, 400, "bad-request", detail);
    }

    [Theory]
    [InlineData("PUT", "kv/k", "{\"value\":\"0123456789abcdefX\"}", "value is over 16 bytes of UTF-8")]
    [InlineData("PUT", "kv/k", "{\"value\":\"ééééééééé\"}", "value is over 16 bytes of UTF-8")]
    [InlineData("PUT", "kv/123456789", "{\"value\":\"v\"}", "key is over 8 bytes of UTF-8")]
    [InlineData("POST", "kv/k/cas", "{\"expectedVersion\":0,\"value\":\"0123456789abcdefX\"}", "value is over 16 bytes of UTF-8")]
    [InlineData("DELETE", "kv/123456789", null, "key is over 8 bytes of UTF-8")]
    [InlineData("GET", "kv/123456789", null, "key is over 8 bytes of UTF-8")]
    [InlineData("PUT", "topic", "{\"topic\":\"toolong\"}", "topic is over 4 bytes of UTF-8")]
    [InlineData("PUT", "message", "{\"topic\":\"t\",\"message\":\"123456789\"}", "message is over 8 bytes of UTF-8")]
    [InlineData("GET", "message/toolong", null, "topic is over 4 bytes of UTF-8")]
    public async Task TextOverStateMachineLimit_413TooLargeNothingSubmitted(string method, string path, string? body, string detail)
    {
        var response = await _api.SendAsync(new HttpMethod(method), path, body);

        AssertProblem(response, 413, "too-large", detail);
    }

    [Theory]
    [InlineData("PUT", "topic", "{\"topic\":\"\"}", "topic is empty")]
    [InlineData("PUT", "message", "{\"topic\":\"\",\"message\":\"m\"}", "topic is empty")]
    [InlineData("PUT", "message", "{\"topic\":\"t\"}", "'message' is required and must be a string")]
    [InlineData("PUT", "topic", "{\"name\":\"t\"}", "'topic' is required and must be a string")]
    public async Task QueueBadInput_400NotSuccessFalse(string method, string path, string body, string detail)
    {
        var response = await _api.SendAsync(new HttpMethod(method), path, body);

        AssertProblem(response, 400, "bad-request", detail);
    }

    [Fact]
    public async Task BodyOverLimit_WithContentLength_413BeforeReading()
    {
        var response = await _api.PutAsync("kv/k", "{\"value\":\"" + new string('v', 2000) + "\"}");

        AssertProblem(response, 413, "too-large", "the request body is over 1024 bytes");
    }

    [Fact]
    public async Task BodyOverLimit_Chunked_413()
    {
        // A non-seekable stream of unknown length makes HttpClient send the body chunked, without Content-Length.
        // Small enough to sit in the socket buffers whole: the client finishes sending before the server answers and closes.
        var stream = new UnknownLengthStream(Encoding.UTF8.GetBytes("{\"value\":\"" + new string('v', 4_000) + "\"}"));
        using var request = new HttpRequestMessage(HttpMethod.Put, "kv/k") { Content = new StreamContent(stream) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await _api.SendAsync(request);

        // The client's stream is read to the end either way: after answering, the server drains the rest of the
        // body to keep the connection. What matters is that the limit holds without a Content-Length to trust.
        AssertProblem(response, 413, "too-large", "the request body is over 1024 bytes");
    }

    [Theory]
    [InlineData("GET", "nope")]
    [InlineData("GET", "kv")]
    [InlineData("GET", "kv/")]
    [InlineData("GET", "kv/a/b/c")]
    [InlineData("POST", "kv/k/swap")]
    [InlineData("GET", "cluster")]
    public async Task UnknownRoute_404NoSuchRoute(string method, string path)
    {
        var response = await _api.SendAsync(new HttpMethod(method), path);

        AssertProblem(response, 404, "not-found", "no such route");
    }

    [Theory]
    [InlineData("PATCH", "kv/k", "DELETE, GET, PUT")]
    [InlineData("POST", "kv/k", "DELETE, GET, PUT")]
    [InlineData("GET", "kv/k/cas", "POST")]
    [InlineData("POST", "topic", "GET, PUT")]
    [InlineData("DELETE", "message/t", "GET")]
    [InlineData("PUT", "cluster/status", "GET")]
    public async Task WrongMethod_405MethodNotAllowed_NamesAllowedMethods(string method, string path, string allowed)
    {
        var response = await _api.SendAsync(new HttpMethod(method), path);

        Assert.Equal(405, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Contains("\"code\":\"method-not-allowed\"", response.Body, StringComparison.Ordinal);
        Assert.Contains($"allowed: {allowed}", response.Body, StringComparison.Ordinal);
        Assert.Equal(allowed, string.Join(", ", response.Allow.Order(StringComparer.Ordinal)));
        Assert.Equal(0, _api.Cluster.Calls);
    }

    private void AssertProblem(ApiResponse response, int status, string code, string detail)
    {
        Assert.True(response.Status == status, response.ToString());
        Assert.Equal("application/problem+json", response.ContentType);
        Assert.Contains($"\"status\":{status},", response.Body, StringComparison.Ordinal);
        Assert.Contains($"\"code\":\"{code}\"", response.Body, StringComparison.Ordinal);
        Assert.Contains(detail, response.Body, StringComparison.Ordinal);
        Assert.Equal(0, _api.Cluster.Calls);
    }
}

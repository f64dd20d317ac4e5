using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Raft.Grains.Client;
using Raft.Silo.Http;

namespace Raft.Tests.Http;

/// <summary>
/// The client HTTP API (<see cref="ClientApi.Map"/>) on an in-process Kestrel server on 127.0.0.1 and an
/// ephemeral port, over a <see cref="FakeClusterClient"/> (or none, to test a silo without one). Real HTTP,
/// so request targets, chunked bodies and Content-Length behave as they do for Raft.Client.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ApiHost(WebApplication app, FakeClusterClient? cluster, string address)
    {
        _app = app;
        Cluster = cluster!;
        Address = address;
        Http = new HttpClient { BaseAddress = new Uri(address + "/") };
    }

    /// <summary>The fake behind the API; null only when started with <c>withCluster: false</c>.</summary>
    public FakeClusterClient Cluster { get; }

    /// <summary>"http://127.0.0.1:port", without a trailing slash.</summary>
    public string Address { get; }

    public HttpClient Http { get; }

    public static async Task<ApiHost> StartAsync(FakeClusterClient? cluster = null, HttpApiOptions? options = null, bool withCluster = true)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        if (withCluster)
        {
            cluster ??= new FakeClusterClient(options?.Limits);
            builder.Services.AddSingleton<IClientGrain>(cluster);
        }
        if (options is not null) builder.Services.AddSingleton(options);
        var app = builder.Build();
        ClientApi.Map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return new ApiHost(app, withCluster ? cluster : null, app.Urls.Single().TrimEnd('/'));
    }

    /// <summary>Sends a request; <paramref name="json"/> becomes an application/json body with a Content-Length.</summary>
    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? json = null, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        return await SendAsync(request, headers);
    }

    public async Task<ApiResponse> SendAsync(HttpRequestMessage request, params (string Name, string Value)[] headers)
    {
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new ApiResponse((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), body, response.Content.Headers.Allow.ToArray());
    }

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    public Task<ApiResponse> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }
}

using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Raft.Tests.Client;

/// <summary>
/// One fake silo: an in-process Kestrel server on 127.0.0.1 and an ephemeral port serving the HTTP API
/// contract from a <see cref="FakeClusterState"/> (shared with other fake silos when given one), recording
/// every request, and misbehaving as <see cref="Mode"/> says.
/// </summary>
internal sealed class FakeRaftServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeRaftServer(WebApplication app, FakeClusterState state)
    {
        _app = app;
        State = state;
    }

    public FakeClusterState State { get; }

    /// <summary>"http://127.0.0.1:port", without a trailing slash.</summary>
    public string Address { get; private set; } = "";

    public FakeSiloMode Mode { get; set; } = FakeSiloMode.Leader;

    /// <summary>The leader a <see cref="FakeSiloMode.Follower"/> names in its not-leader answers.</summary>
    public string? LeaderAddress { get; set; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<FakeRaftServer> StartAsync(FakeClusterState? state = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeRaftServer(app, state ?? new FakeClusterState());
        app.Run(server.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        server.Address = app.Urls.Single().TrimEnd('/');
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var clientId = request.Headers["Raft-Client-Id"].FirstOrDefault();
        long? sequence = long.TryParse(request.Headers["Raft-Request-Sequence"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        var path = request.Path.Value ?? "/";
        Requests.Enqueue(new RecordedRequest(request.Method, path, request.QueryString.Value ?? "", clientId, sequence, body));

        var response = Mode switch
        {
            FakeSiloMode.Follower => LeaderAddress is null
                ? FakeClusterState.Problem(421, "not-leader", "no leader known")
                : FakeClusterState.Problem(421, "not-leader", "this silo is a follower", new { leader = LeaderAddress }),
            FakeSiloMode.Unavailable => FakeClusterState.Problem(503, "unavailable", "no quorum"),
            _ => State.Execute(request.Method, path, request.QueryString.Value ?? "", body, clientId, sequence),
        };
        if (Mode == FakeSiloMode.ApplyThenDropConnection)
        {
            context.Abort();
            return;
        }
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Json, context.RequestAborted);
    }
}

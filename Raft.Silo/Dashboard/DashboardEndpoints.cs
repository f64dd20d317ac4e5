using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Raft.Silo.Http;

namespace Raft.Silo.Dashboard;

/// <summary>
/// The Raft dashboard: the page at <c>/dashboard/</c> with its files, the live frames as server-sent events
/// at <c>/dashboard/frames</c>, one frame as JSON at <c>/dashboard/frame</c>, and the demo controls
/// (<see cref="DashboardControlEndpoints"/>).
/// </summary>
public static class DashboardEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, bool controls)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Routing matches "/dashboard" and "/dashboard/" alike; the page's relative URLs need the slash.
        endpoints.MapGet("/dashboard", (HttpContext context) =>
            context.Request.Path.Value!.EndsWith('/') ? Asset("index.html") : Results.Redirect(context.Request.PathBase + "/dashboard/"));
        endpoints.MapGet("/dashboard/frames", StreamAsync);
        endpoints.MapGet("/dashboard/frame", OneFrameAsync);
        DashboardControlEndpoints.Map(endpoints, controls);
        // Last: the routes above win over a file of the same name.
        endpoints.MapGet("/dashboard/{file}", (string file) => Asset(file));
    }

    private static IResult Asset(string name) =>
        DashboardAssets.Find(name) is var (bytes, type)
            ? Results.Bytes(bytes, type)
            : ProblemResults.NotFound($"the dashboard has no file '{name}'");

    /// <summary>Server-sent events, one <c>data:</c> line of JSON per frame, until the page goes away or the silo stops.</summary>
    private static async Task StreamAsync(HttpContext context, DashboardFeed feed)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Proxies that buffer (nginx) would hold frames back.
        response.Headers["X-Accel-Buffering"] = "no";
        await response.WriteAsync("retry: 1000\n\n", context.RequestAborted).ConfigureAwait(false);
        await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            await foreach (var frame in feed.WatchAsync(context.RequestAborted).ConfigureAwait(false))
            {
                await response.WriteAsync("data: ", context.RequestAborted).ConfigureAwait(false);
                await JsonSerializer.SerializeAsync(response.Body, frame, DashboardJsonContext.Default.DashboardFrame, context.RequestAborted).ConfigureAwait(false);
                await response.WriteAsync("\n\n", context.RequestAborted).ConfigureAwait(false);
                await response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The page closed.
        }
    }

    private static async Task<IResult> OneFrameAsync(HttpContext context, DashboardFeed feed)
    {
        await foreach (var frame in feed.WatchAsync(context.RequestAborted).ConfigureAwait(false))
            return Results.Json(frame, DashboardJsonContext.Default.DashboardFrame);
        return ProblemResults.Unavailable("the silo is stopping");
    }
}

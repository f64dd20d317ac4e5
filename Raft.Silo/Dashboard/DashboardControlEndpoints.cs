using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Raft.Grains;
using Raft.Grains.Client;
using Raft.Grains.Placement;
using Raft.Silo.Http;

namespace Raft.Silo.Dashboard;

/// <summary>
/// The dashboard's demo controls under <c>/dashboard/control/</c>: <c>POST leader</c> <c>{"to":N}</c>
/// (leadership transfer, as <c>POST /cluster/leader</c>), <c>POST peers/{id}/pause</c> and <c>/resume</c>,
/// <c>PUT</c> and <c>GET kv/{key}</c> (as <c>/kv/{key}</c>). With <c>Raft:Dashboard:Controls</c> off, each
/// answers 403 <c>controls-disabled</c> and does nothing.
/// </summary>
public static class DashboardControlEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/dashboard/control/leader", Gate(enabled, MembersEndpoints.TransferAsync));
        endpoints.MapPost("/dashboard/control/peers/{id}/pause", Gate(enabled, r => SetPausedAsync(r, true)));
        endpoints.MapPost("/dashboard/control/peers/{id}/resume", Gate(enabled, r => SetPausedAsync(r, false)));
        endpoints.MapPut("/dashboard/control/kv/{key}", Gate(enabled, r => KeyValueEndpoints.PutAsync(r, Key(r))));
        endpoints.MapGet("/dashboard/control/kv/{key}", Gate(enabled, r => KeyValueEndpoints.GetAsync(r, Key(r))));
    }

    private static RequestDelegate Gate(bool enabled, Func<ApiRequest, Task<IResult>> control) => enabled
        ? ApiHandler.Handle(control)
        : context => ProblemResults.Forbidden(ApiErrorCode.ControlsDisabled, "the dashboard's controls are off; start the silo with Raft:Dashboard:Controls=true").ExecuteAsync(context);

    private static string Key(ApiRequest request) => request.PathSegment(3, 4, "key", "key");

    private static async Task<IResult> SetPausedAsync(ApiRequest request, bool paused)
    {
        var id = MembersEndpoints.PathId(request);
        var topology = request.Context.RequestServices.GetRequiredService<IRaftGroupTopology>();
        if (!topology.AllPeers.Contains(id)) return ProblemResults.Create(StatusCodes.Status404NotFound, ApiErrorCode.UnknownMember, $"peer {id} is not in this group");
        var grains = request.Context.RequestServices.GetRequiredService<IGrainFactory>();
        try
        {
            await grains.GetGrain<IRaftPeerGrain>(id).SetPausedAsync(paused, request.Aborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PeerSiloUnavailableException or OrleansException or TimeoutException)
        {
            // The peer's silo is down, unknown to the membership, or did not answer: nothing was paused.
            return ProblemResults.Unavailable($"peer {id} could not be reached: {e.Message}");
        }
        return Results.Json(new PeerPausedResponse(id, paused), DashboardJsonContext.Default.PeerPausedResponse);
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Raft.Silo.Http;

/// <summary><c>GET /cluster/status</c>: the leader and every peer as this silo's cluster client sees them.</summary>
public static class ClusterEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/cluster/status", ApiHandler.Handle(StatusAsync));
    }

    private static async Task<IResult> StatusAsync(ApiRequest request)
    {
        var status = await request.Cluster().GetClusterStatusAsync(request.Aborted).ConfigureAwait(false);
        var peers = status.Peers
            .Select(p => new PeerResponse(p.Id, p.Silo, p.Address, p.Role, p.Term, p.LastIndex, p.CommitIndex, p.AppliedIndex, p.SnapshotIndex, p.FirstIndex, p.LogLength))
            .ToArray();
        return Results.Json(new ClusterStatusResponse(status.Leader, status.LeaderAddress, peers), ApiJsonContext.Api.ClusterStatusResponse);
    }
}

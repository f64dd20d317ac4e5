using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Raft.Core.Members;

namespace Raft.Silo.Http;

/// <summary>
/// The group's membership and leadership: <c>GET /cluster/members</c>, <c>POST /cluster/members</c>
/// <c>{"id":N,"learner":true|false}</c>, <c>POST /cluster/members/{id}/promote</c>,
/// <c>DELETE /cluster/members/{id}</c>, <c>POST /cluster/leader</c> <c>{"to":N}</c>. A change answers once
/// it is committed; a bad request is refused here and a refused change changed nothing (see
/// <see cref="MembershipProblems"/> for the codes).
/// </summary>
public static class MembersEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/cluster/members", ApiHandler.Handle(MembersAsync));
        endpoints.MapPost("/cluster/members", ApiHandler.Handle(AddAsync));
        endpoints.MapPost("/cluster/members/{id}/promote", ApiHandler.Handle(request => ChangeAsync(request, MembershipChangeKind.Promote, PathId(request))));
        endpoints.MapDelete("/cluster/members/{id}", ApiHandler.Handle(request => ChangeAsync(request, MembershipChangeKind.Remove, PathId(request))));
        endpoints.MapPost("/cluster/leader", ApiHandler.Handle(TransferAsync));
    }

    private static async Task<IResult> MembersAsync(ApiRequest request)
    {
        var view = await request.Cluster().GetMembersAsync(request.Aborted).ConfigureAwait(false);
        var members = view.Members.Select(m => new MemberResponse(m.Id, m.Silo, m.Address, m.Role, m.MatchIndex, m.Reachable)).ToArray();
        return Results.Json(new MembersResponse(view.Leader, view.LeaderAddress, view.Voters, view.Learners, members), ApiJsonContext.Api.MembersResponse);
    }

    private static async Task<IResult> AddAsync(ApiRequest request)
    {
        var body = await request.ReadBodyAsync().ConfigureAwait(false);
        var id = PeerId(JsonFields.RequiredInt64(body, "id"), "'id'");
        var learner = JsonFields.OptionalBoolean(body, "learner") ?? false;
        return await ChangeAsync(request, learner ? MembershipChangeKind.AddLearner : MembershipChangeKind.AddVoter, id).ConfigureAwait(false);
    }

    private static async Task<IResult> ChangeAsync(ApiRequest request, MembershipChangeKind kind, int id)
    {
        var outcome = await request.Cluster().ChangeMembershipAsync(new MembershipChange(kind, id), request.Aborted).ConfigureAwait(false);
        if (!outcome.IsCommitted) return MembershipProblems.From(outcome);
        var role = kind switch
        {
            MembershipChangeKind.AddLearner => "learner",
            MembershipChangeKind.Remove => "none",
            _ => "voter",
        };
        return Results.Json(new MembershipChangeResponse(id, role, outcome.Index), ApiJsonContext.Api.MembershipChangeResponse);
    }

    /// <summary>Also the dashboard's transfer control.</summary>
    internal static async Task<IResult> TransferAsync(ApiRequest request)
    {
        var body = await request.ReadBodyAsync().ConfigureAwait(false);
        var to = PeerId(JsonFields.RequiredInt64(body, "to"), "'to'");
        var outcome = await request.Cluster().TransferLeadershipAsync(to, request.Aborted).ConfigureAwait(false);
        return outcome.IsCompleted
            ? Results.Json(new LeaderResponse(outcome.Leader, outcome.LeaderAddress), ApiJsonContext.Api.LeaderResponse)
            : MembershipProblems.From(outcome);
    }

    /// <exception cref="ApiProblemException">400: not a positive peer id.</exception>
    internal static int PathId(ApiRequest request)
    {
        var text = request.Context.Request.RouteValues["id"] as string ?? "";
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? PeerId(id, "the member id in the path")
            : throw new ApiProblemException($"the member id in the path must be a positive whole number, not '{text}'");
    }

    private static int PeerId(long id, string what) =>
        id is >= 1 and <= int.MaxValue ? (int)id : throw new ApiProblemException($"{what} must be a peer id from 1 to {int.MaxValue}, not {id.ToString(CultureInfo.InvariantCulture)}");
}

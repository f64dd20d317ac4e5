using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Silo.Http;

/// <summary>
/// The key-value store: <c>PUT</c>, <c>GET</c>, <c>DELETE /kv/{key}</c> and <c>POST /kv/{key}/cas</c>.
/// Versions are log indexes. Deleting a missing key is not an error (200, <c>"deleted":false</c>), which
/// Raft.Client prints as "OK (no such key)"; reading one is (404 not-found).
/// </summary>
public static class KeyValueEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPut("/kv/{key}", ApiHandler.Handle(r => PutAsync(r, Key(r, 2))));
        endpoints.MapGet("/kv/{key}", ApiHandler.Handle(r => GetAsync(r, Key(r, 2))));
        endpoints.MapDelete("/kv/{key}", ApiHandler.Handle(DeleteAsync));
        endpoints.MapPost("/kv/{key}/cas", ApiHandler.Handle(CompareAndSwapAsync));
    }

    private static string Key(ApiRequest request, int segmentCount) => request.PathSegment(1, segmentCount, "key", "key");

    /// <summary>Also the dashboard's put control, whose path holds the key elsewhere.</summary>
    internal static async Task<IResult> PutAsync(ApiRequest request, string key)
    {
        var body = await request.ReadBodyAsync().ConfigureAwait(false);
        var operation = new Operation.Put(key, JsonFields.RequiredString(body, "value"), JsonFields.OptionalInt64(body, "ttlSeconds"));
        var outcome = await request.SubmitAsync(operation).ConfigureAwait(false);
        return outcome.Result is CommandResult.Written written && outcome.Status == OutcomeStatus.Completed
            ? Results.Json(new KvWriteResponse(key, written.Version), ApiJsonContext.Api.KvWriteResponse)
            : ProblemResults.FromOutcome(outcome);
    }

    /// <summary>Also the dashboard's get control.</summary>
    internal static async Task<IResult> GetAsync(ApiRequest request, string key)
    {
        var consistency = request.Consistency();
        request.Validate(new Operation.Get(key));
        var outcome = await request.Cluster().ReadAsync(key, consistency, request.Aborted).ConfigureAwait(false);
        if (outcome.Status != OutcomeStatus.Completed) return ProblemResults.FromOutcome(outcome);
        return outcome.Result switch
        {
            CommandResult.Value value => Results.Json(
                new KvEntryResponse(key, value.Text, value.Version, value.ExpiresAtMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime : null),
                ApiJsonContext.Api.KvEntryResponse),
            CommandResult.NotFound => ProblemResults.NotFound($"key '{key}' not found"),
            _ => ProblemResults.FromOutcome(outcome),
        };
    }

    private static async Task<IResult> DeleteAsync(ApiRequest request)
    {
        var key = Key(request, 2);
        var outcome = await request.SubmitAsync(new Operation.Delete(key)).ConfigureAwait(false);
        if (outcome.Status != OutcomeStatus.Completed) return ProblemResults.FromOutcome(outcome);
        return outcome.Result switch
        {
            CommandResult.Deleted => Results.Json(new KvDeleteResponse(key, Deleted: true), ApiJsonContext.Api.KvDeleteResponse),
            CommandResult.NotFound => Results.Json(new KvDeleteResponse(key, Deleted: false), ApiJsonContext.Api.KvDeleteResponse),
            _ => ProblemResults.FromOutcome(outcome),
        };
    }

    private static async Task<IResult> CompareAndSwapAsync(ApiRequest request)
    {
        var key = Key(request, 3);
        var body = await request.ReadBodyAsync().ConfigureAwait(false);
        var expected = JsonFields.RequiredInt64(body, "expectedVersion");
        var operation = new Operation.Cas(key, expected, JsonFields.RequiredString(body, "value"), JsonFields.OptionalInt64(body, "ttlSeconds"));
        var outcome = await request.SubmitAsync(operation).ConfigureAwait(false);
        if (outcome.Status != OutcomeStatus.Completed) return ProblemResults.FromOutcome(outcome);
        return outcome.Result switch
        {
            CommandResult.Written written => Results.Json(new KvWriteResponse(key, written.Version), ApiJsonContext.Api.KvWriteResponse),
            CommandResult.VersionMismatch mismatch => ProblemResults.VersionMismatch(key, expected, mismatch.CurrentVersion),
            _ => ProblemResults.FromOutcome(outcome),
        };
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Silo.GrainCalls;

/// <summary>
/// The server side of grain calls from other silos (Orleans: the silo's message center for grain
/// requests): propose, read and status on a peer hosted here. Unknown peers get 404; the body of a
/// proposal is the encoded command, refused (400) when it does not decode or breaks the state machine's limits.
/// </summary>
public static class GrainCallEndpoints
{
    private const long MaxCommandBytes = 2L << 20;

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(GrainCallRoutes.Propose, async (int peerId, HttpRequest request, LocalPeerCalls peers, StateMachineLimits limits, CancellationToken cancellationToken) =>
        {
            if (!peers.Hosts(peerId)) return Results.NotFound();
            if (request.ContentLength is null or > MaxCommandBytes) return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, cancellationToken).ConfigureAwait(false);
            if (!CommandCodec.TryDecode(body.GetBuffer().AsSpan(0, (int)body.Length), out var command, out var error)) return Results.BadRequest(error);
            // Refused here, not in the log: an invalid command would cost an entry and change nothing.
            if (CommandValidator.Validate(command, limits) is { } invalid) return Results.BadRequest(invalid.Reason);
            var reply = await peers.ProposeAsync(peerId, body.ToArray(), cancellationToken).ConfigureAwait(false);
            return Results.Json(new ProposeReplyDto((int)reply.Status, reply.Index, reply.Term, reply.LeaderHint, Convert.ToBase64String(reply.Result.Span)));
        });
        app.MapPost(GrainCallRoutes.Read, async (int peerId, ReadRequestDto read, LocalPeerCalls peers, CancellationToken cancellationToken) =>
        {
            if (!peers.Hosts(peerId)) return Results.NotFound();
            ReadQuery? query = read.Kind switch
            {
                "key" when read.Key is not null => new ReadQuery.Key(read.Key),
                "topics" => new ReadQuery.Topics(),
                _ => null,
            };
            if (query is null) return Results.BadRequest("kind must be 'key' (with a key) or 'topics'");
            var reply = await peers.ReadAsync(peerId, query, read.Linearizable, cancellationToken).ConfigureAwait(false);
            var result = reply.Value is null ? null : Convert.ToBase64String(ResultCodec.Encode(reply.Value));
            return Results.Json(new ReadReplyDto((int)reply.Status, reply.LeaderHint, result));
        });
        app.MapGet(GrainCallRoutes.Status, async (int peerId, LocalPeerCalls peers) =>
            peers.Hosts(peerId) ? Results.Json(await peers.GetStatusAsync(peerId).ConfigureAwait(false)) : Results.NotFound());
    }
}

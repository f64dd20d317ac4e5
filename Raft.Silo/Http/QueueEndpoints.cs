using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Silo.Http;

/// <summary>
/// Seed 002's message queue, shape for shape: <c>PUT /topic</c>, <c>GET /topic</c>, <c>PUT /message</c>,
/// <c>GET /message/{topic}</c>. A queue-level failure (the topic exists, is missing or is empty) is 200 with
/// <c>{"success":false}</c> as the seed's clients expect; bad input and cluster failures are problems like
/// everywhere else. <c>GET /message</c> removes the message, so it is a submission (exactly-once headers
/// apply), not a read.
/// </summary>
public static class QueueEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPut("/topic", ApiHandler.Handle(CreateTopicAsync));
        endpoints.MapGet("/topic", ApiHandler.Handle(ListTopicsAsync));
        endpoints.MapPut("/message", ApiHandler.Handle(PutMessageAsync));
        endpoints.MapGet("/message/{topic}", ApiHandler.Handle(GetMessageAsync));
    }

    private static async Task<IResult> CreateTopicAsync(ApiRequest request)
    {
        var body = await request.ReadBodyAsync().ConfigureAwait(false);
        var outcome = await request.SubmitAsync(new Operation.CreateTopic(JsonFields.RequiredString(body, "topic"))).ConfigureAwait(false);
        return SuccessOrFailure(outcome);
    }

    private static async Task<IResult> ListTopicsAsync(ApiRequest request)
    {
        var outcome = await request.Cluster().ListTopicsAsync(request.Consistency(), request.Aborted).ConfigureAwait(false);
        return outcome is { Status: OutcomeStatus.Completed, Result: CommandResult.Topics topics }
            ? Results.Json(new QueueResponse(true, Topics: topics.Names), ApiJsonContext.Api.QueueResponse)
            : ProblemResults.FromOutcome(outcome);
    }

    private static async Task<IResult> PutMessageAsync(ApiRequest request)
    {
        var body = await request.ReadBodyAsync().ConfigureAwait(false);
        var operation = new Operation.PutMessage(JsonFields.RequiredString(body, "topic"), JsonFields.RequiredString(body, "message"));
        return SuccessOrFailure(await request.SubmitAsync(operation).ConfigureAwait(false));
    }

    private static async Task<IResult> GetMessageAsync(ApiRequest request)
    {
        var topic = request.PathSegment(1, 2, "topic", "topic");
        var outcome = await request.SubmitAsync(new Operation.GetMessage(topic)).ConfigureAwait(false);
        return outcome is { Status: OutcomeStatus.Completed, Result: CommandResult.Message message }
            ? Results.Json(new QueueResponse(true, Message: message.Text), ApiJsonContext.Api.QueueResponse)
            : SuccessOrFailure(outcome);
    }

    private static IResult SuccessOrFailure(CommandOutcome outcome) => outcome switch
    {
        { Status: OutcomeStatus.Completed, Result: CommandResult.QueueSuccess } => Results.Json(new QueueResponse(true), ApiJsonContext.Api.QueueResponse),
        { Status: OutcomeStatus.Completed, Result: CommandResult.QueueFailure } => Results.Json(new QueueResponse(false), ApiJsonContext.Api.QueueResponse),
        _ => ProblemResults.FromOutcome(outcome),
    };
}

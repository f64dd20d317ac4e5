using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Raft.Grains.Client;
using Raft.Grains.StateMachine;

namespace Raft.Silo.Http;

/// <summary>
/// One API request on its way to the cluster: reads the body and headers, checks the operation against the
/// limits, and submits or reads through <see cref="IClientGrain"/>. Every refusal here happens before the
/// cluster is asked, so a refused request proposes nothing.
/// </summary>
/// <remarks>
/// Services are resolved per request, not at mapping time: a silo built without the client grain (as the
/// hosting tests build one) still starts, and answers these endpoints with 503 unavailable.
/// </remarks>
internal sealed class ApiRequest(HttpContext context)
{
    public HttpContext Context { get; } = context;

    public CancellationToken Aborted => Context.RequestAborted;

    public HttpApiOptions Options { get; } = context.RequestServices.GetService<HttpApiOptions>()
        ?? new HttpApiOptions { Limits = context.RequestServices.GetService<StateMachineLimits>() ?? StateMachineLimits.Default };

    /// <exception cref="ApiProblemException">See <see cref="JsonBody.ReadObjectAsync"/>.</exception>
    public Task<JsonElement> ReadBodyAsync() => JsonBody.ReadObjectAsync(Context, Options.EffectiveMaxRequestBodyBytes, Aborted);

    /// <summary>The key or topic in the URL, as the client encoded it (see <see cref="RawPathSegment"/>).</summary>
    public string PathSegment(int index, int segmentCount, string name, string what) =>
        RawPathSegment.Read(Context, index, segmentCount, Context.Request.RouteValues[name] as string ?? "", what);

    /// <summary>The <c>stale</c> query flag: absent or false is a linearizable read.</summary>
    /// <exception cref="ApiProblemException">400: a value other than true or false.</exception>
    public ReadConsistency Consistency()
    {
        var values = Context.Request.Query["stale"];
        if (values.Count == 0) return ReadConsistency.Linearizable;
        if (values.Count == 1 && bool.TryParse(values[0], out var stale)) return stale ? ReadConsistency.Stale : ReadConsistency.Linearizable;
        throw new ApiProblemException("'stale' must be true or false");
    }

    /// <summary>Refuses an operation the state machine would refuse: 413 for text over a limit, 400 for the rest.</summary>
    /// <exception cref="ApiProblemException">The operation breaks a limit or rule.</exception>
    public void Validate(Operation operation)
    {
        if (OversizeCheck.Find(operation, Options.Limits) is { } oversize) throw new ApiProblemException(ProblemResults.TooLarge(oversize), oversize);
        // Session 1, sequence 1: the session rules are the client grain's business, only the operation's are checked.
        if (CommandValidator.Validate(new Command(1, 1, 0, operation), Options.Limits) is { } invalid) throw new ApiProblemException(invalid.Reason);
    }

    /// <summary>Validates, reads the exactly-once headers, then submits.</summary>
    public Task<CommandOutcome> SubmitAsync(Operation operation)
    {
        Validate(operation);
        var requestId = ExactlyOnceHeaders.Read(Context.Request);
        return Cluster().SubmitAsync(operation, requestId, Aborted);
    }

    /// <exception cref="ApiProblemException">503 when this silo has no cluster client.</exception>
    public IClientGrain Cluster() => Context.RequestServices.GetService<IClientGrain>()
        ?? throw new ApiProblemException(ProblemResults.Unavailable("this silo has no cluster client"), "no IClientGrain registered");
}

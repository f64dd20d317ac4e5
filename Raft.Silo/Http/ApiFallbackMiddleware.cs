using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Raft.Silo.Http;

/// <summary>
/// Gives the answers no endpoint writes the API's problem shape too: an unknown route (404 not-found, "no such
/// route"), a known route with another method (405 method-not-allowed, the allowed methods in the detail and
/// in Allow), a request the server refused while reading it (its own status), a call Orleans would not deliver
/// to the client grain (503 unavailable, to retry), and an unhandled exception (500 internal, logged). It only
/// writes when nothing has been written, so endpoints keep their own bodies.
/// </summary>
internal sealed partial class ApiFallbackMiddleware(RequestDelegate next, ILogger<ApiFallbackMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            var problem = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ProblemResults.TooLarge(e.Message)
                : ProblemResults.Create(e.StatusCode, ApiErrorCode.BadRequest, e.Message);
            await problem.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        catch (OrleansMessageRejectionException e) when (!context.Response.HasStarted)
        {
            // Orleans refused or lost the call to this silo's client grain (seen once, addressed to a silo that had
            // just died). Usually the grain never ran, but a call lost with its silo may have proposed already:
            // a transient failure, whose retry the exactly-once headers make safe, not a server fault.
            Rejected(logger, context.Request.Method, context.Request.Path.Value ?? "", e);
            await ProblemResults.Unavailable("this silo lost the call to its cluster client; it may or may not have applied, so retry with the same Raft-Client-Id and Raft-Request-Sequence").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested && e is not OutOfMemoryException)
        {
            Failed(logger, context.Request.Method, context.Request.Path.Value ?? "", e);
            await ProblemResults.Internal("the server failed; see its log").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var response = context.Response;
        if (response.HasStarted || response.ContentType is not null || response.ContentLength > 0) return;
        if (response.StatusCode == StatusCodes.Status404NotFound && context.GetEndpoint() is null)
        {
            await ProblemResults.NotFound("no such route").ExecuteAsync(context).ConfigureAwait(false);
        }
        else if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            var allowed = response.Headers.Allow.ToString();
            var detail = $"{context.Request.Method} is not allowed on {context.Request.Path}" + (allowed.Length > 0 ? $"; allowed: {allowed}" : "");
            await ProblemResults.MethodNotAllowed(detail).ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "HTTP {Method} {Path}: Orleans did not deliver it to the client grain; answered 503")]
    private static partial void Rejected(ILogger logger, string method, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "HTTP {Method} {Path} failed")]
    private static partial void Failed(ILogger logger, string method, string path, Exception exception);
}

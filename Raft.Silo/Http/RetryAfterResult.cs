using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Raft.Silo.Http;

/// <summary>A problem that passes (a leader not ready yet, a transfer under way), with <c>Retry-After</c> telling clients when to ask again.</summary>
internal sealed class RetryAfterResult(IResult problem, int seconds) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return problem.ExecuteAsync(httpContext);
    }
}

using Microsoft.AspNetCore.Http;

namespace Raft.Silo.Http;

/// <summary>Adapts an endpoint body to a request delegate: runs it and writes its result, or the problem an <see cref="ApiProblemException"/> carries.</summary>
internal static class ApiHandler
{
    public static RequestDelegate Handle(Func<ApiRequest, Task<IResult>> handle) => async context =>
    {
        IResult result;
        try
        {
            result = await handle(new ApiRequest(context)).ConfigureAwait(false);
        }
        catch (ApiProblemException e)
        {
            result = e.Problem;
        }
        await result.ExecuteAsync(context).ConfigureAwait(false);
    };
}

using Microsoft.AspNetCore.Http;

namespace Raft.Silo.Http;

/// <summary>
/// Thrown by the request-reading helpers when the request cannot be served as sent (bad JSON, a missing
/// field, a body over the limit, a broken header pair); <see cref="ApiHandler"/> writes <see cref="Problem"/>.
/// It keeps each endpoint a straight line from request to submission, as ASP.NET's own
/// BadHttpRequestException does for the server's parsing.
/// </summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException()
        : this(ProblemResults.BadRequest("bad request"), "bad request")
    {
    }

    public ApiProblemException(string message)
        : this(ProblemResults.BadRequest(message), message)
    {
    }

    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = ProblemResults.BadRequest(message);
    }

    public ApiProblemException(IResult problem, string message)
        : base(message)
    {
        Problem = problem;
    }

    public IResult Problem { get; }
}

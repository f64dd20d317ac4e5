using System.Text;
using System.Text.Json;

namespace Raft.Client.Api;

/// <summary>Turns an error response into an <see cref="ApiException"/>, tolerating bodies that are not problem documents.</summary>
internal static class ProblemReader
{
    public static ApiException Read(Uri endpoint, int status, byte[] body)
    {
        ProblemDocument? problem = null;
        try
        {
            if (body.Length > 0) problem = JsonSerializer.Deserialize<ProblemDocument>(body, ApiJson.Options);
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's page, say): fall back to the status below.
        }

        var code = string.IsNullOrWhiteSpace(problem?.Code) ? ApiErrorCodes.FromStatus(status) : problem.Code;
        var message = FirstText(problem?.Detail, problem?.Title)
            ?? (body.Length > 0 && problem is null ? Truncate(Encoding.UTF8.GetString(body)) : null)
            ?? $"HTTP {status} from {endpoint}";
        return new ApiException(code, message, status, endpoint, problem?.Leader, problem?.CurrentVersion);
    }

    private static string? FirstText(params string?[] candidates) =>
        candidates.FirstOrDefault(c => !string.IsNullOrWhiteSpace(c));

    private static string Truncate(string text)
    {
        const int maxChars = 200;
        return text.Length <= maxChars ? text : text[..maxChars] + "…";
    }
}

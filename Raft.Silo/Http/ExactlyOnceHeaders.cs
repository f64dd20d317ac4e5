using System.Globalization;
using Microsoft.AspNetCore.Http;
using Raft.Grains.Client;

namespace Raft.Silo.Http;

/// <summary>
/// The exactly-once pair a client may put on a submission: <c>Raft-Client-Id</c> (1 to 128 characters) and
/// <c>Raft-Request-Sequence</c> (a 64-bit integer above 0). Both or neither: half a pair cannot deduplicate
/// anything, and silently dropping it would let the client believe its retries are safe.
/// </summary>
internal static class ExactlyOnceHeaders
{
    public const string ClientId = "Raft-Client-Id";
    public const string Sequence = "Raft-Request-Sequence";
    public const int MaxClientIdLength = 128;

    /// <exception cref="ApiProblemException">400: one header without the other, repeated, or malformed.</exception>
    public static ClientRequestId? Read(HttpRequest request)
    {
        var clientIds = request.Headers[ClientId];
        var sequences = request.Headers[Sequence];
        if (clientIds.Count == 0 && sequences.Count == 0) return null;
        if (clientIds.Count == 0 || sequences.Count == 0) throw new ApiProblemException($"{ClientId} and {Sequence} go together: send both or neither");
        if (clientIds.Count > 1 || sequences.Count > 1) throw new ApiProblemException($"{ClientId} and {Sequence} may each appear once");

        var clientId = clientIds[0] ?? "";
        if (clientId.Length is 0 or > MaxClientIdLength) throw new ApiProblemException($"{ClientId} must be 1 to {MaxClientIdLength} characters");
        if (!long.TryParse(sequences[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence <= 0)
        {
            throw new ApiProblemException($"{Sequence} must be an integer from 1 to {long.MaxValue.ToString(CultureInfo.InvariantCulture)}");
        }
        return new ClientRequestId(clientId, sequence);
    }
}

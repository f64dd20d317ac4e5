using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Raft.Silo.Http;

/// <summary>
/// Reads a request body as one JSON object under a byte limit. A declared Content-Length over the limit is
/// refused before a byte is read; a chunked body is refused as soon as it crosses the limit, so an oversized
/// body is never buffered whole. The Content-Type is not checked: the body is JSON whatever it claims.
/// </summary>
internal static class JsonBody
{
    private const int ChunkBytes = 16 * 1024;

    // Duplicate members are refused: {"value":"a","value":"b"} has no honest meaning.
    private static readonly JsonDocumentOptions _documentOptions = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    /// <exception cref="ApiProblemException">413 over the limit; 400 empty, not JSON, or not an object.</exception>
    public static async Task<JsonElement> ReadObjectAsync(HttpContext context, long maxBytes, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (request.ContentLength > maxBytes) throw TooLarge(maxBytes);
        // Let the server enforce the same limit too (Kestrel's default is 30 MB): it then stops reading at the limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature) sizeFeature.MaxRequestBodySize = maxBytes;

        // A pooled buffer: a put's body is a few hundred bytes, and a fresh 16 KiB buffer for each was most of
        // what the silo allocated under load (17 KB per put).
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp((request.ContentLength ?? ChunkBytes) + 1, 1, ChunkBytes * 4));
        try
        {
            var length = 0;
            try
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        // Traded for a larger one as it fills; the finally returns whichever is held then.
                        var larger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                    var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0) break;
                    length += read;
                    if (length > maxBytes) throw TooLarge(maxBytes);
                }
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw TooLarge(maxBytes);
            }
            if (length == 0) throw new ApiProblemException("the body is empty; expected a JSON object");
            return Parse(buffer.AsMemory(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonElement Parse(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes, _documentOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ApiProblemException($"the body is a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}; expected a JSON object");
            }
            // The document reads the pooled buffer in place; the clone is its own, so the buffer can go back.
            return document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new ApiProblemException("the body is not valid JSON: " + e.Message, e);
        }
    }

    private static ApiProblemException TooLarge(long maxBytes)
    {
        var detail = $"the request body is over {maxBytes.ToString(CultureInfo.InvariantCulture)} bytes";
        return new ApiProblemException(ProblemResults.TooLarge(detail), detail);
    }
}

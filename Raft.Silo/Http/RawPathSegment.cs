using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Raft.Silo.Http;

/// <summary>
/// A key or topic exactly as the client encoded it in the URL. The server decodes the path before routing but
/// leaves "%2F" encoded (it must not split a segment), so a route value cannot tell a key "a/b" (sent as
/// a%2Fb) from a key "a%2Fb" (sent as a%252Fb). Decoding the raw request target ourselves removes the
/// ambiguity: Raft.Client sends every key through Uri.EscapeDataString, and this undoes exactly that.
/// </summary>
internal static class RawPathSegment
{
    private static readonly UTF8Encoding _strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="index">The segment's position, 0 for the first after the leading '/'.</param>
    /// <param name="segmentCount">How many segments the matched route has.</param>
    /// <param name="routeValue">The routed value, used when the raw target is not in that shape (dot segments, absolute form).</param>
    /// <exception cref="ApiProblemException">400: a bad percent escape, or bytes that are not UTF-8.</exception>
    public static string Read(HttpContext context, int index, int segmentCount, string routeValue, string what)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (raw is null || !raw.StartsWith('/')) return routeValue;
        var end = raw.AsSpan().IndexOfAny('?', '#');
        var segments = (end < 0 ? raw : raw[..end])[1..].Split('/');
        if (segments.Length != segmentCount || segments.Any(s => s is "." or ".." or "")) return routeValue;
        // A valid request target is ASCII; anything else the server has already decoded its own way.
        if (!Ascii.IsValid(segments[index])) return routeValue;
        return Decode(segments[index], what);
    }

    private static string Decode(string segment, string what)
    {
        if (!segment.Contains('%', StringComparison.Ordinal)) return segment;
        var bytes = new List<byte>(segment.Length);
        for (var i = 0; i < segment.Length; i++)
        {
            if (segment[i] != '%')
            {
                bytes.Add((byte)segment[i]);
                continue;
            }
            if (i + 2 >= segment.Length || !Uri.IsHexDigit(segment[i + 1]) || !Uri.IsHexDigit(segment[i + 2]))
            {
                throw new ApiProblemException($"the {what} in the URL has a '%' that is not followed by two hex digits");
            }
            bytes.Add((byte)((Uri.FromHex(segment[i + 1]) << 4) | Uri.FromHex(segment[i + 2])));
            i += 2;
        }
        try
        {
            return _strictUtf8.GetString(bytes.ToArray());
        }
        catch (DecoderFallbackException e)
        {
            throw new ApiProblemException($"the {what} in the URL is not percent-encoded UTF-8", e);
        }
    }
}

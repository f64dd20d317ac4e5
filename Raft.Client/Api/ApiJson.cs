using System.Text.Encodings.Web;
using System.Text.Json;

namespace Raft.Client.Api;

/// <summary>The one set of JSON options for requests, responses and <c>--json</c> output.</summary>
internal static class ApiJson
{
    /// <summary>
    /// camelCase names, case-insensitive reads; nullable annotations are enforced so a server that omits a
    /// required member is reported as a bad response rather than surfacing later as a null.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        // Output is read by scripts and people, not embedded in HTML: print quotes and accents as themselves.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

using System.Text.Encodings.Web;
using System.Text.Json;

namespace Raft.Client.Output;

/// <summary>The one set of JSON options for <c>--json</c> output and errors.</summary>
internal static class OutputJson
{
    /// <summary>camelCase names, as the seeds' JSON and scripts expect.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        // Output is read by scripts and people, not embedded in HTML: print quotes and accents as themselves.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

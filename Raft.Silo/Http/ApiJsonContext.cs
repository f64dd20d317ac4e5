using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Raft.Silo.Http;

/// <summary>
/// Source-generated serializers for every response body: camelCase names, nulls written unless a member
/// says otherwise (the contract shows <c>"expiresAt":null</c> and <c>"leaderAddress":null</c>). Use
/// <see cref="Api"/>, not Default: its encoder writes quotes and non-ASCII text as themselves, since these
/// bodies are read by programs and people, never embedded in HTML.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(KvWriteResponse))]
[JsonSerializable(typeof(KvEntryResponse))]
[JsonSerializable(typeof(KvDeleteResponse))]
[JsonSerializable(typeof(QueueResponse))]
[JsonSerializable(typeof(ClusterStatusResponse))]
[JsonSerializable(typeof(MembersResponse))]
[JsonSerializable(typeof(MembershipChangeResponse))]
[JsonSerializable(typeof(LeaderResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext
{
    public static ApiJsonContext Api { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

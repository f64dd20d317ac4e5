using System.Text.Json;
using System.Text.Json.Serialization;

namespace Raft.Silo.Http;

/// <summary>
/// Source-generated serializers for every response body: camelCase names, nulls written unless a member
/// says otherwise (the contract shows <c>"expiresAt":null</c> and <c>"leaderAddress":null</c>).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(KvWriteResponse))]
[JsonSerializable(typeof(KvEntryResponse))]
[JsonSerializable(typeof(KvDeleteResponse))]
[JsonSerializable(typeof(QueueResponse))]
[JsonSerializable(typeof(ClusterStatusResponse))]
public sealed partial class ApiJsonContext : JsonSerializerContext;

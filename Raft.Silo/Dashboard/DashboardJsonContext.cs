using System.Text.Json;
using System.Text.Json.Serialization;

namespace Raft.Silo.Dashboard;

/// <summary>Source-generated serializers for the dashboard's frames and control answers, camelCase.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DashboardFrame))]
[JsonSerializable(typeof(PeerPausedResponse))]
public sealed partial class DashboardJsonContext : JsonSerializerContext;

/// <summary>The answer of <c>POST /dashboard/control/peers/{id}/pause</c> and <c>/resume</c>.</summary>
public sealed record PeerPausedResponse(int Peer, bool Paused);

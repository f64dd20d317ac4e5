using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Raft.Simulator.Checking.Linearizability;

namespace Raft.Tests.Nemesis;

/// <summary>A workload client's door through one silo process's HTTP API. Any transport failure is an unknown outcome.</summary>
internal sealed class HttpKvClient(HttpClient http, string baseUrl) : IKvClient
{
    // Not an HTTP status: marks a connection the silo refused, so the request certainly never arrived.
    private const HttpStatusCode RefusedStatus = (HttpStatusCode)1;

    public Task<KvOutput?> PutAsync(string key, string value, CancellationToken cancellationToken) =>
        WriteAsync(HttpMethod.Put, $"/kv/{Uri.EscapeDataString(key)}", new { value }, cancellationToken);

    public Task<KvOutput?> CasAsync(string key, long expectedVersion, string value, CancellationToken cancellationToken) =>
        WriteAsync(HttpMethod.Post, $"/kv/{Uri.EscapeDataString(key)}/cas", new { expectedVersion, value }, cancellationToken);

    public async Task<KvOutput?> GetAsync(string key, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, $"/kv/{Uri.EscapeDataString(key)}", null, cancellationToken).ConfigureAwait(false);
        return status switch
        {
            HttpStatusCode.OK => new KvOutput.Value(body!.RootElement.GetProperty("value").GetString()!, body.RootElement.GetProperty("version").GetInt64()),
            HttpStatusCode.NotFound when Code(body) == "not-found" => new KvOutput.NotFound(),
            RefusedStatus => NotApplied.Instance,
            _ => null,
        };
    }

    public async Task<bool?> EnqueueAsync(string topic, string message, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync(HttpMethod.Put, "/message", new { topic, message }, cancellationToken).ConfigureAwait(false);
        if (status == RefusedStatus) return false;
        return status == HttpStatusCode.OK && body!.RootElement.GetProperty("success").GetBoolean() ? true : null;
    }

    private async Task<KvOutput?> WriteAsync(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        var (status, json) = await SendAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        return status switch
        {
            HttpStatusCode.OK => new KvOutput.Written(json!.RootElement.GetProperty("version").GetInt64()),
            HttpStatusCode.Conflict when Code(json) == "version-mismatch" => new KvOutput.VersionMismatch(json!.RootElement.GetProperty("currentVersion").GetInt64()),
            RefusedStatus => NotApplied.Instance,
            _ => null,
        };
    }

    private static string? Code(JsonDocument? body) =>
        body is not null && body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;

    private async Task<(HttpStatusCode? Status, JsonDocument? Body)> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, baseUrl + path);
            if (body is not null) request.Content = JsonContent.Create(body);
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return (response.StatusCode, text.Length == 0 ? null : JsonDocument.Parse(text));
        }
        catch (HttpRequestException e) when (e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused })
        {
            return (RefusedStatus, null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return (null, null);
        }
    }
}

using System.Net;
using System.Text.Json;

namespace Raft.Client.Cluster;

/// <summary>
/// The gateways of a seeds-style cluster file, <c>{"addresses":[{"ip","port","internal_port","gateway_port"?}]}</c>,
/// in the file's order: each address's <c>gateway_port</c>, else <c>internal_port</c> + 1000, the rule the silos
/// apply to the same file. A reader of its own rather than Raft.Silo's ClusterFileReader, which would bring the
/// whole server into the console; it checks only what the console uses and leaves the rest to the silos.
/// </summary>
internal static class ClusterFileGateways
{
    /// <summary>Where a member's gateway listens when its entry has no gateway_port (Raft.Silo's ClusterFileReader.GatewayPortOffset).</summary>
    public const int GatewayPortOffset = Raft.Grains.Client.GatewayDefaults.PortOffset;

    private static readonly JsonDocumentOptions _jsonOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Throws <see cref="FormatException"/> naming the file and the entry when the file cannot be used.</summary>
    public static IReadOnlyList<GatewayAddress> Read(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"cluster file '{path}' cannot be read: {e.Message}", e);
        }
        return Parse(text, path);
    }

    public static IReadOnlyList<GatewayAddress> Parse(string text, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, _jsonOptions);
        }
        catch (JsonException e)
        {
            throw new FormatException($"cluster file '{source}' is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("addresses", out var addresses)
                || addresses.ValueKind != JsonValueKind.Array
                || addresses.GetArrayLength() == 0)
            {
                throw new FormatException($"cluster file '{source}' lists no addresses");
            }
            var gateways = new List<GatewayAddress>();
            var index = 0;
            foreach (var entry in addresses.EnumerateArray())
            {
                var gateway = Gateway(entry, index++, source);
                if (!gateways.Contains(gateway)) gateways.Add(gateway);
            }
            return gateways;
        }
    }

    private static GatewayAddress Gateway(JsonElement entry, int index, string source)
    {
        string Where() => $"cluster file '{source}': address {index}";
        if (entry.ValueKind != JsonValueKind.Object) throw new FormatException($"{Where()} is not an object");
        if (!entry.TryGetProperty("ip", out var ip) || ip.ValueKind != JsonValueKind.String || !IPAddress.TryParse(ip.GetString(), out _))
            throw new FormatException($"{Where()} has no \"ip\" that is an IP address");
        var port = entry.TryGetProperty("gateway_port", out var gatewayPort)
            ? Port(gatewayPort, "gateway_port", Where)
            : entry.TryGetProperty("internal_port", out var internalPort)
                ? Port(internalPort, "internal_port", Where) + GatewayPortOffset
                : throw new FormatException($"{Where()} has neither \"gateway_port\" nor \"internal_port\"");
        if (port > 65535) throw new FormatException($"{Where()}: internal_port + {GatewayPortOffset} is over 65535; give it a \"gateway_port\"");
        return new GatewayAddress(ip.GetString()!, port);
    }

    private static int Port(JsonElement value, string field, Func<string> where) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var port) && port is >= 1 and <= 65535
            ? port
            : throw new FormatException($"{where()} has {field} {value.GetRawText()}, not a port from 1 to 65535");
}

using System.Net;
using System.Text.Json;

namespace Raft.Silo.Configuration;

/// <summary>Reads and checks a cluster file; every problem is a <see cref="SiloOptionsException"/> naming the file and the entry.</summary>
public static class ClusterFileReader
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>A member's Orleans gateway listens on internal_port + this unless the file says "gateway_port".</summary>
    public const int GatewayPortOffset = Raft.Grains.Client.GatewayDefaults.PortOffset;

    public static ClusterFile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SiloOptionsException($"cluster file '{path}' not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SiloOptionsException($"cluster file '{path}' cannot be read: {e.Message}", e);
        }
        return Parse(text, path);
    }

    /// <summary>Parses the text of a cluster file; <paramref name="source"/> names it in messages.</summary>
    public static ClusterFile Parse(string text, string source)
    {
        ClusterFileJson? json;
        try
        {
            json = JsonSerializer.Deserialize<ClusterFileJson>(text, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new SiloOptionsException($"cluster file '{source}' is not valid JSON: {e.Message}", e);
        }
        if (json?.Addresses is not { Count: > 0 } entries)
        {
            throw new SiloOptionsException($"cluster file '{source}' lists no addresses (expected {{\"addresses\":[{{\"ip\":..,\"port\":..,\"internal_port\":..}}]}})");
        }

        var addresses = new List<ClusterFileAddress>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw new SiloOptionsException($"cluster file '{source}': address {i} is null");
            if (string.IsNullOrWhiteSpace(entry.Ip)) throw new SiloOptionsException($"cluster file '{source}': address {i} has no \"ip\"");
            if (!IPAddress.TryParse(entry.Ip, out _)) throw new SiloOptionsException($"cluster file '{source}': address {i} has ip '{entry.Ip}', which is not an IP address");
            var port = CheckPort(entry.Port, "port", i, source);
            var internalPort = CheckPort(entry.InternalPort, "internal_port", i, source);
            // Optional, as the seeds' files have no gateway: internal_port + GatewayPortOffset by default, clear
            // of the consecutive ports such files list.
            var gatewayPort = entry.GatewayPort is null ? internalPort + GatewayPortOffset : CheckPort(entry.GatewayPort, "gateway_port", i, source);
            if (gatewayPort > 65535) throw new SiloOptionsException($"cluster file '{source}': address {i} has internal_port {internalPort}, too high for the default gateway port; give it a \"gateway_port\"");
            if (port == internalPort) throw new SiloOptionsException($"cluster file '{source}': address {i} uses port {port} for both port and internal_port");
            if (gatewayPort == port || gatewayPort == internalPort)
                throw new SiloOptionsException($"cluster file '{source}': address {i} uses port {gatewayPort} for its gateway and another of its ports; give it a \"gateway_port\"");
            addresses.Add(new ClusterFileAddress(entry.Ip, port, internalPort, gatewayPort));
        }

        var taken = addresses
            .SelectMany(a => new[] { (a.Ip, a.Port), (a.Ip, a.InternalPort), (a.Ip, a.GatewayPort) })
            .GroupBy(endpoint => endpoint)
            .FirstOrDefault(group => group.Count() > 1);
        if (taken is not null) throw new SiloOptionsException($"cluster file '{source}': {taken.Key.Ip}:{taken.Key.Item2} is used twice (a gateway defaults to internal_port + {GatewayPortOffset}; give each address a \"gateway_port\" to choose)");
        if (json.InitialVoters is { } voters && (voters < 1 || voters > addresses.Count))
            throw new SiloOptionsException($"cluster file '{source}': initial_voters is {voters}, outside 1..{addresses.Count} (the number of addresses)");
        return new ClusterFile(addresses, json.InitialVoters);
    }

    private static int CheckPort(int? port, string field, int index, string source) => port switch
    {
        null => throw new SiloOptionsException($"cluster file '{source}': address {index} has no \"{field}\""),
        < 1 or > 65535 => throw new SiloOptionsException($"cluster file '{source}': address {index} has {field} {port}, outside 1..65535"),
        _ => port.Value,
    };
}

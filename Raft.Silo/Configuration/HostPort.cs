using System.Globalization;

namespace Raft.Silo.Configuration;

/// <summary>"host:port" (or "[v6]:port") split into its parts.</summary>
public static class HostPort
{
    /// <summary>The options validator has already refused malformed addresses; this throws for them anyway.</summary>
    public static (string Host, int Port) Split(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            throw new SiloOptionsException($"'{address}' is not host:port");
        return (address[..colon].Trim('[', ']'), port);
    }
}

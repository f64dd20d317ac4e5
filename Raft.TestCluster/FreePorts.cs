using System.Net;
using System.Net.Sockets;

namespace Raft.TestCluster;

/// <summary>
/// Loopback ports for silos. The OS hands out a free ephemeral port; silos must know each other's ports
/// before any of them starts, so the port is released and bound again by the silo a moment later.
/// </summary>
internal static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

using System.Net;
using System.Net.Sockets;

namespace Raft.Tests.Client;

/// <summary>An http URL on a loopback port that was just free and is now closed: connecting is refused.</summary>
internal static class DeadEndpoint
{
    public static string Create()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}

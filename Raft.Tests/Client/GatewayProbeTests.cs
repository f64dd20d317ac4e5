using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Raft.Client.Cluster;

namespace Raft.Tests.Client;

// Proves the probe the console runs before Orleans sees the gateways: it keeps the ones that accept a TCP
// connection, in the given order, and drops refused and unanswering ones without waiting out its timeout
// once one has accepted; when none accepts it keeps them all (Orleans then retries or says why).
public sealed class GatewayProbeTests
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task KeepsTheAcceptingOnes_InOrder_Quickly()
    {
        using var live1 = new TcpListener(IPAddress.Loopback, 0);
        using var live2 = new TcpListener(IPAddress.Loopback, 0);
        live1.Start();
        live2.Start();
        using var gone = new UnansweringGateway();
        IPEndPoint[] gateways = [Endpoint(gone.Address), (IPEndPoint)live2.LocalEndpoint, Refused(), (IPEndPoint)live1.LocalEndpoint];
        var clock = Stopwatch.StartNew();

        var reachable = await GatewayProbe.ReachableAsync(gateways, ProbeTimeout, TestContext.Current.CancellationToken);

        Assert.Equal([gateways[1], gateways[3]], reachable);
        // Not a timing claim: the unanswering gateway would hold the probe for its whole timeout, and half of
        // that is far beyond any scheduling delay on a busy machine (5 s was not).
        Assert.True(clock.Elapsed < ProbeTimeout / 2, $"the probe took {clock.Elapsed}: it waited out the unanswering gateway");
    }

    [Fact]
    public async Task NoneAccepts_KeepsThemAll()
    {
        using var gone = new UnansweringGateway();
        IPEndPoint[] gateways = [Refused(), Endpoint(gone.Address)];

        var reachable = await GatewayProbe.ReachableAsync(gateways, TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);

        Assert.Equal(gateways, reachable);
    }

    private static IPEndPoint Endpoint(string address) => IPEndPoint.Parse(address);

    private static IPEndPoint Refused()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        listener.Stop();
        return endpoint;
    }
}

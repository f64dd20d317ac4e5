using System.Net;
using System.Net.Sockets;
using Raft.Core.Messages;
using Raft.Silo.Transport;

namespace Raft.Tests.Transport;

/// <summary>
/// Proves the transport over real sockets on 127.0.0.1: two silos exchange 10,000 messages each way in
/// order over one connection each; a restarted listener is reconnected to and later messages arrive;
/// messages to a peer on the same silo skip the network; a full queue drops and counts instead of blocking;
/// unroutable and oversized messages are dropped and counted while the connection keeps working.
/// </summary>
public sealed class TransportLoopbackTests
{
    [Fact]
    public async Task TwoSilos_Exchange10000MessagesEachWay_InOrder()
    {
        const int count = 10_000;
        await using var silos = await SiloPair.StartAsync(sendQueueCapacity: count);

        for (var i = 0; i < count; i++)
        {
            silos.A.Send(Messages.Heartbeat(1, 2, i));
            silos.B.Send(Messages.Append(2, 1, entryCount: 1, entryBytes: 16, sequence: i));
        }

        for (var i = 0; i < count; i++)
        {
            var atB = await silos.SinkB.NextAsync($"heartbeat {i} at B");
            Assert.Equal((MessageType.Heartbeat, 1, 2, (long)i), (atB.Type, atB.From, atB.To, atB.Context));
            var atA = await silos.SinkA.NextAsync($"append {i} at A");
            Assert.Equal((MessageType.Append, 2, 1, (long)i), (atA.Type, atA.From, atA.To, atA.Context));
            Assert.Equal(16, atA.Entries[0].Data.Length);
        }
        Assert.Equal(count, silos.CountersA.Sent);
        Assert.Equal(count, silos.CountersB.Sent);
        Assert.Equal(count, silos.CountersA.Received);
        Assert.Equal(count, silos.CountersB.Received);
        Assert.Equal(0, silos.CountersA.Dropped + silos.CountersB.Dropped);
        Assert.Equal(1, silos.CountersA.ConnectionsOpened);
        Assert.Equal(1, silos.CountersB.ConnectionsOpened);
    }

    [Fact]
    public async Task ListenerRestart_ClientReconnects_AndLaterMessagesArrive()
    {
        await using var silos = await SiloPair.StartAsync();
        silos.A.Send(Messages.Heartbeat(1, 2, 1));
        Assert.Equal(1, (await silos.SinkB.NextAsync("message before the restart")).Context);

        await silos.StopListenerBAsync();
        await Eventually.TrueAsync(() => silos.CountersA.ConnectionsLost == 1, "A notices B closed the connection");
        // Sent while B is down: it waits in A's queue while connects are refused and back off.
        silos.A.Send(Messages.Heartbeat(1, 2, 2));
        await silos.StartListenerBAsync();

        Assert.Equal(2, (await silos.SinkB.NextAsync("message queued during the outage")).Context);
        silos.A.Send(Messages.Heartbeat(1, 2, 3));
        Assert.Equal(3, (await silos.SinkB.NextAsync("message after the reconnect")).Context);
        Assert.Equal(2, silos.CountersA.ConnectionsOpened);
    }

    [Fact]
    public async Task PeerOnTheSameSilo_IsDeliveredLocally_WithoutTheNetwork()
    {
        var sink = new RecordingSink();
        // The port is unused: were the message to go over the network, it could not arrive.
        var routes = new Dictionary<int, SiloEndpoint> { [1] = new("A", "127.0.0.1", 1), [2] = new("A", "127.0.0.1", 1) };
        await using var transport = new SiloTransport(new TransportOptions { SiloName = "A", Routes = routes }, sink);

        transport.Send(Messages.Heartbeat(1, 2, 9));

        Assert.True(sink.TryTake(out var delivered), "local delivery happens inside Send");
        Assert.Equal(9, delivered!.Context);
        Assert.Equal(1, transport.Counters.SentLocal);
        Assert.Equal(0, transport.Counters.Sent);
        Assert.Equal(0, transport.Counters.ConnectionsOpened);
    }

    [Fact]
    public async Task FullQueue_DropsAndCounts_InsteadOfBlocking()
    {
        var routes = new Dictionary<int, SiloEndpoint> { [1] = new("A", "127.0.0.1", 1), [2] = new("B", "127.0.0.1", UnusedPort()) };
        var options = new TransportOptions { SiloName = "A", Routes = routes, SendQueueCapacity = 4 };
        await using var transport = new SiloTransport(options, new RecordingSink());

        // Nothing listens at B, so the writer never takes a message off the queue: exactly 4 fit.
        for (var i = 0; i < 100; i++) transport.Send(Messages.Heartbeat(1, 2, i));

        Assert.Equal(96, transport.Counters.DroppedQueueFull);
        Assert.Equal(96, transport.Counters.Dropped);
        Assert.Equal(0, transport.Counters.Sent);
    }

    [Fact]
    public async Task UnknownPeer_IsDroppedAndCounted()
    {
        await using var silos = await SiloPair.StartAsync();
        silos.A.Send(Messages.Heartbeat(1, 99, 0));
        Assert.Equal(1, silos.CountersA.DroppedUnroutable);
    }

    [Fact]
    public async Task MessageAboveMaxFrame_IsDroppedAndCounted_AndTheConnectionCarriesOn()
    {
        await using var silos = await SiloPair.StartAsync(maxFrameBytes: 4096);
        silos.A.Send(Messages.Append(1, 2, entryCount: 1, entryBytes: 8192, sequence: 1));
        silos.A.Send(Messages.Heartbeat(1, 2, 2));

        Assert.Equal(2, (await silos.SinkB.NextAsync("the heartbeat after the oversized append")).Context);
        Assert.Equal(1, silos.CountersA.DroppedTooLarge);
        Assert.Equal(0, silos.CountersB.BadFrames);
    }

    /// <summary>A port that was free a moment ago; connecting to it is refused.</summary>
    internal static int UnusedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}

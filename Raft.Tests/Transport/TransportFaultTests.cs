using System.Buffers;
using System.Net.Sockets;
using Raft.Silo.Transport;

namespace Raft.Tests.Transport;

/// <summary>
/// Proves the fault hook acts on real traffic: a one-way block stops that direction only and is counted,
/// healing restores delivery; a drop probability of 1 drops everything; a delay holds a message back until
/// the (manual) clock passes it, so a later undelayed message overtakes it.
/// </summary>
public sealed class TransportFaultTests
{
    [Fact]
    public async Task OneWayBlock_StopsThatDirectionOnly_AndHealingRestoresIt()
    {
        await using var silos = await SiloPair.StartAsync();
        silos.Faults.Block("A", "B");

        silos.A.Send(Messages.Heartbeat(1, 2, 1));
        silos.B.Send(Messages.Heartbeat(2, 1, 10));
        Assert.Equal(10, (await silos.SinkA.NextAsync("B to A while only A to B is blocked")).Context);
        Assert.Equal(1, silos.CountersA.DroppedByFaults);

        silos.Faults.Unblock("A", "B");
        silos.A.Send(Messages.Heartbeat(1, 2, 2));
        Assert.Equal(2, (await silos.SinkB.NextAsync("A to B after healing (the blocked message must not appear)")).Context);
    }

    [Fact]
    public async Task Partition_BlocksBothWays_UntilHealed()
    {
        await using var silos = await SiloPair.StartAsync();
        silos.Faults.Partition("A", "B");
        silos.A.Send(Messages.Heartbeat(1, 2, 1));
        silos.B.Send(Messages.Heartbeat(2, 1, 1));
        Assert.Equal(1, silos.CountersA.DroppedByFaults);
        Assert.Equal(1, silos.CountersB.DroppedByFaults);

        silos.Faults.HealAll();
        silos.A.Send(Messages.Heartbeat(1, 2, 2));
        silos.B.Send(Messages.Heartbeat(2, 1, 2));
        Assert.Equal(2, (await silos.SinkB.NextAsync("A to B after healing")).Context);
        Assert.Equal(2, (await silos.SinkA.NextAsync("B to A after healing")).Context);
    }

    [Fact]
    public async Task DropProbabilityOne_DropsEverything_AndZeroDropsNothing()
    {
        await using var silos = await SiloPair.StartAsync();
        silos.Faults.DropProbability = 1.0;
        for (var i = 0; i < 100; i++) silos.A.Send(Messages.Heartbeat(1, 2, i));
        Assert.Equal(100, silos.CountersA.DroppedByFaults);

        silos.Faults.DropProbability = 0.0;
        silos.A.Send(Messages.Heartbeat(1, 2, 100));
        Assert.Equal(100, (await silos.SinkB.NextAsync("the message sent once drops stopped")).Context);
    }

    [Fact]
    public async Task Delay_HoldsAMessageBack_UntilTheClockPassesIt()
    {
        var clock = new ManualTimeProvider();
        await using var silos = await SiloPair.StartAsync(timeA: clock);
        silos.Faults.Delay = TimeSpan.FromSeconds(1);
        silos.A.Send(Messages.Heartbeat(1, 2, 1));
        silos.Faults.Delay = TimeSpan.Zero;
        silos.A.Send(Messages.Heartbeat(1, 2, 2));

        Assert.Equal(2, (await silos.SinkB.NextAsync("the undelayed message")).Context);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await silos.SinkB.NextAsync("the delayed message once its time came")).Context);
    }

    [Fact]
    public async Task BlockOnReceive_StopsMessagesThatGotPastTheSender()
    {
        await using var silos = await SiloPair.StartAsync();
        using var raw = new Socket(SocketType.Stream, ProtocolType.Tcp);
        await raw.ConnectAsync(silos.ListenerB.EndPoint, TestContext.Current.CancellationToken);
        silos.Faults.Block("A", "B");

        // A raw connection claiming to be silo A stands in for traffic queued or in flight when the block began.
        var writer = new ArrayBufferWriter<byte>();
        FrameCodec.WriteHandshake(Handshake.ForSilo("A"), writer);
        FrameCodec.WriteMessage(Messages.Heartbeat(1, 2, 1), writer);
        await raw.SendAsync(writer.WrittenMemory, TestContext.Current.CancellationToken);
        await Eventually.TrueAsync(() => silos.CountersB.DroppedByFaults == 1, "B drops the blocked message on receive");

        silos.Faults.HealAll();
        writer.ResetWrittenCount();
        FrameCodec.WriteMessage(Messages.Heartbeat(1, 2, 2), writer);
        await raw.SendAsync(writer.WrittenMemory, TestContext.Current.CancellationToken);
        Assert.Equal(2, (await silos.SinkB.NextAsync("the message after healing, on the same connection")).Context);
        Assert.Equal(1, silos.CountersB.Received);
    }
}

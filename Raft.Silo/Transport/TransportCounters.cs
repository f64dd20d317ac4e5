namespace Raft.Silo.Transport;

/// <summary>
/// Monotonic counts for metrics, shared by a silo's sending and receiving sides. Updated with Interlocked
/// from I/O threads; read at any time (each value is exact, a set of values is not one instant).
/// </summary>
public sealed class TransportCounters
{
    private long _sent;
    private long _sentLocal;
    private long _droppedQueueFull;
    private long _droppedByFaults;
    private long _droppedUnroutable;
    private long _droppedTooLarge;
    private long _droppedOnConnectionLoss;
    private long _received;
    private long _badFrames;
    private long _connectionsOpened;
    private long _connectionsLost;

    /// <summary>Messages written to a remote silo's socket.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Messages to peers on this silo, handed to the local sink without the network.</summary>
    public long SentLocal => Interlocked.Read(ref _sentLocal);

    public long DroppedQueueFull => Interlocked.Read(ref _droppedQueueFull);

    /// <summary>Messages dropped or blocked by <see cref="ITransportFaults"/>, on send or on receive.</summary>
    public long DroppedByFaults => Interlocked.Read(ref _droppedByFaults);

    /// <summary>Messages to a peer id the routing table does not know.</summary>
    public long DroppedUnroutable => Interlocked.Read(ref _droppedUnroutable);

    /// <summary>Messages whose frame would exceed the maximum frame size.</summary>
    public long DroppedTooLarge => Interlocked.Read(ref _droppedTooLarge);

    /// <summary>Messages in a write that failed because the connection broke.</summary>
    public long DroppedOnConnectionLoss => Interlocked.Read(ref _droppedOnConnectionLoss);

    /// <summary>Every message Send accepted but did not deliver, whatever the reason.</summary>
    public long Dropped => DroppedQueueFull + DroppedByFaults + DroppedUnroutable + DroppedTooLarge + DroppedOnConnectionLoss;

    /// <summary>Messages decoded from the network and handed to the sink.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Inbound connections closed for a malformed, oversized or unexpected frame.</summary>
    public long BadFrames => Interlocked.Read(ref _badFrames);

    /// <summary>Outbound connections established, the first one and every reconnect.</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connectionsOpened);

    /// <summary>Outbound connections that failed or were closed by the remote silo.</summary>
    public long ConnectionsLost => Interlocked.Read(ref _connectionsLost);

    internal void AddSent(int count) => Interlocked.Add(ref _sent, count);

    internal void AddSentLocal() => Interlocked.Increment(ref _sentLocal);

    internal void AddDroppedQueueFull() => Interlocked.Increment(ref _droppedQueueFull);

    internal void AddDroppedByFaults() => Interlocked.Increment(ref _droppedByFaults);

    internal void AddDroppedUnroutable() => Interlocked.Increment(ref _droppedUnroutable);

    internal void AddDroppedTooLarge() => Interlocked.Increment(ref _droppedTooLarge);

    internal void AddDroppedOnConnectionLoss(int count) => Interlocked.Add(ref _droppedOnConnectionLoss, count);

    internal void AddReceived() => Interlocked.Increment(ref _received);

    internal void AddBadFrame() => Interlocked.Increment(ref _badFrames);

    internal void AddConnectionOpened() => Interlocked.Increment(ref _connectionsOpened);

    internal void AddConnectionLost() => Interlocked.Increment(ref _connectionsLost);

    public override string ToString() =>
        $"sent={Sent} local={SentLocal} received={Received} dropped={Dropped} (queue={DroppedQueueFull} faults={DroppedByFaults} " +
        $"unroutable={DroppedUnroutable} large={DroppedTooLarge} lost={DroppedOnConnectionLoss}) badFrames={BadFrames} connections={ConnectionsOpened} lost={ConnectionsLost}";
}

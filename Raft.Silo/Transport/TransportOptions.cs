namespace Raft.Silo.Transport;

/// <summary>Settings for one silo's transport: who it is, where every peer lives, and the bounds on queues and frames.</summary>
public sealed record TransportOptions
{
    /// <summary>This silo's name. Peers whose route names it are delivered locally, without the network.</summary>
    public required string SiloName { get; init; }

    /// <summary>Peer id to the silo hosting it. One Raft group per cluster, so the peer id is the whole address.</summary>
    public IReadOnlyDictionary<int, SiloEndpoint> Routes { get; init; } = new Dictionary<int, SiloEndpoint>();

    /// <summary>Largest frame accepted or sent (type byte plus payload). A larger outgoing message is dropped and counted.</summary>
    public int MaxFrameBytes { get; init; } = FrameCodec.DefaultMaxFrameBytes;

    /// <summary>Messages waiting per remote silo. When full, Send drops: Raft retransmits, and a blocked sender would stall a grain turn.</summary>
    public int SendQueueCapacity { get; init; } = 4096;

    /// <summary>The writer stops adding messages to a write once this many bytes are buffered (one message may exceed it).</summary>
    public int MaxBatchBytes { get; init; } = 256 * 1024;

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First reconnect delay; doubles per consecutive failure up to <see cref="ReconnectDelayMax"/>, with jitter.</summary>
    public TimeSpan ReconnectDelayMin { get; init; } = TimeSpan.FromMilliseconds(50);

    public TimeSpan ReconnectDelayMax { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long dispose waits for queued messages to be written before it cuts the connections.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(2);

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(SiloName)) throw new ArgumentException("SiloName is required.", nameof(SiloName));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxFrameBytes, FrameCodec.HeaderBytes + MessageCodec.HeaderBytes, nameof(MaxFrameBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(SendQueueCapacity, 1, nameof(SendQueueCapacity));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatchBytes, 1, nameof(MaxBatchBytes));
        if (ReconnectDelayMin <= TimeSpan.Zero || ReconnectDelayMax < ReconnectDelayMin)
        {
            throw new ArgumentException("Reconnect delays must satisfy 0 < min <= max.", nameof(ReconnectDelayMin));
        }
    }
}

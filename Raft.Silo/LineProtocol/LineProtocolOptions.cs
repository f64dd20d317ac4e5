namespace Raft.Silo.LineProtocol;

/// <summary>
/// Limits of the line protocol. Every bound exists so that one client, careless or hostile, cannot make the
/// server hold more than a known amount of memory for it.
/// </summary>
public sealed record LineProtocolOptions
{
    public const int DefaultMaxNameBytes = 250;
    public const int DefaultMaxValueBytes = 1024 * 1024;
    public const int DefaultMaxLineBytes = 1024;
    public const long DefaultMaxDiscardBytes = 64L * 1024 * 1024;

    /// <summary>Room a command line needs beyond its name: verb, three numbers of up to 19 digits, and separators.</summary>
    internal const int LineOverheadBytes = 64;

    /// <summary>Longest name, in UTF-8 bytes.</summary>
    public int MaxNameBytes { get; init; } = DefaultMaxNameBytes;

    /// <summary>Largest value a write or cas may carry. A larger numbytes is refused from the header, before any of its bytes are read.</summary>
    public int MaxValueBytes { get; init; } = DefaultMaxValueBytes;

    /// <summary>Longest command line, without its line ending. A longer line is refused and discarded up to the next \n.</summary>
    public int MaxLineBytes { get; init; } = DefaultMaxLineBytes;

    /// <summary>
    /// An oversized payload up to this many bytes is skipped as it streams in, so the connection stays usable;
    /// a larger numbytes closes the connection after the error, rather than reading that much for nothing.
    /// </summary>
    public long MaxDiscardBytes { get; init; } = DefaultMaxDiscardBytes;

    /// <summary>Close a connection that sends nothing for this long; null keeps idle connections open.</summary>
    public TimeSpan? IdleTimeout { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxNameBytes, 1, nameof(MaxNameBytes));
        ArgumentOutOfRangeException.ThrowIfNegative(MaxValueBytes, nameof(MaxValueBytes));
        // Any well-formed command with a name of the longest length must fit on one line.
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineBytes, MaxNameBytes + LineOverheadBytes, nameof(MaxLineBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxDiscardBytes, MaxValueBytes, nameof(MaxDiscardBytes));
        if (IdleTimeout is { } idle && idle <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(IdleTimeout), idle, "IdleTimeout must be positive, or null for none.");
        }
    }
}

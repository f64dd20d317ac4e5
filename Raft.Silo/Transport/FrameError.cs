namespace Raft.Silo.Transport;

/// <summary>Why a frame was refused. Tests and logs name the reason; the connection closes either way.</summary>
public enum FrameError
{
    /// <summary>The frame ended before a field it announced.</summary>
    Truncated,
    /// <summary>A codec or protocol version this build does not speak.</summary>
    UnsupportedVersion,
    UnknownFrameType,
    UnknownMessageType,
    UnknownEntryType,
    /// <summary>A length or count field below zero.</summary>
    NegativeLength,
    /// <summary>A length or count that the rest of the frame cannot hold.</summary>
    LengthBeyondFrame,
    /// <summary>A count above the codec's fixed bound.</summary>
    CountAboveLimit,
    /// <summary>Bytes left over after the last field.</summary>
    TrailingBytes,
    /// <summary>A frame length above the configured maximum, or zero.</summary>
    FrameTooLarge,
    /// <summary>A field whose value is outside its domain (a boolean that is not 0 or 1, a name that is not UTF-8).</summary>
    InvalidField,
    /// <summary>A frame the connection's state does not allow (a message before the handshake, a second handshake).</summary>
    UnexpectedFrame,
}

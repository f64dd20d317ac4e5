namespace Raft.Silo.Transport;

/// <summary>
/// Bytes from the network that are not a valid frame. Decoding throws only this, never an index or
/// allocation error, so the connection handler can close the one bad connection and carry on.
/// </summary>
public sealed class FrameFormatException : Exception
{
    public FrameFormatException()
        : this(FrameError.InvalidField, "Malformed frame.")
    {
    }

    public FrameFormatException(string message)
        : this(FrameError.InvalidField, message)
    {
    }

    public FrameFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = FrameError.InvalidField;
    }

    public FrameFormatException(FrameError error, string message)
        : base($"{error}: {message}")
    {
        Error = error;
    }

    public FrameError Error { get; }
}

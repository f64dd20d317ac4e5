namespace Raft.Grains.StateMachine;

/// <summary>
/// Bytes that do not decode as a command, a result or a snapshot section: truncated, a length beyond the
/// buffer, an unknown code or version, text that is not UTF-8, trailing bytes. The message is the codec's own
/// text, so it is the same on every peer and can be recorded in an <see cref="CommandResult.Invalid"/>.
/// </summary>
public sealed class MalformedDataException : Exception
{
    public MalformedDataException()
        : base("malformed data")
    {
    }

    public MalformedDataException(string message)
        : base(message)
    {
    }

    public MalformedDataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

namespace Raft.Silo.Configuration;

/// <summary>The silo's options cannot work; the message is one line that says which option and why.</summary>
public sealed class SiloOptionsException : Exception
{
    public SiloOptionsException()
    {
    }

    public SiloOptionsException(string message) : base(message)
    {
    }

    public SiloOptionsException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

namespace Raft.Silo.Hosting;

/// <summary>No activation for this grain is known to the silo (remote proxies come with the transport).</summary>
public sealed class GrainNotFoundException : Exception
{
    public GrainNotFoundException()
    {
    }

    public GrainNotFoundException(string message) : base(message)
    {
    }

    public GrainNotFoundException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

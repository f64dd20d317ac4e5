namespace Raft.Silo.Hosting;

/// <summary>A call reached an activation that is shutting down; it did not run. The caller may retry elsewhere.</summary>
public sealed class GrainDeactivatedException : Exception
{
    public GrainDeactivatedException()
    {
    }

    public GrainDeactivatedException(string message) : base(message)
    {
    }

    public GrainDeactivatedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public static GrainDeactivatedException For(GrainId id) => new($"grain {id} is deactivated; the call did not run");
}

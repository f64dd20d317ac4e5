namespace Raft.Silo;

/// <summary>The silo process; hosting arrives with the silo issue.</summary>
internal static class Program
{
    private static int Main()
    {
        Console.Error.WriteLine("Raft.Silo: not yet hosting peers.");
        return 2;
    }
}

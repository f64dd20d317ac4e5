namespace Raft.Client;

/// <summary>The client console; its commands arrive with the client issue.</summary>
internal static class Program
{
    private static int Main()
    {
        Console.Error.WriteLine("Raft.Client: no commands yet.");
        return 2;
    }
}

namespace Raft.Simulator;

internal static class Program
{
    private static int Main() => 0;
}

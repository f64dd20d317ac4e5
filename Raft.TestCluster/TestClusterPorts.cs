namespace Raft.TestCluster;

/// <summary>Free loopback ports for tests that need one beyond a silo's own (a line protocol port, a dead endpoint).</summary>
public static class TestClusterPorts
{
    public static int Unused() => FreePorts.Next();
}

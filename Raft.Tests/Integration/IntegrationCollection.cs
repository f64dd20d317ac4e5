namespace Raft.Tests.Integration;

/// <summary>
/// Integration tests run real silos with real election timers. They run alone, not beside the CPU-bound
/// simulation and benchmark-like tests, so that a starved thread pool cannot stall their timers: the
/// tests wait on conditions, but a 2-core machine busy with other tests would make those waits long.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IntegrationCollection
{
    public const string Name = "Integration (real silos, run alone)";
}

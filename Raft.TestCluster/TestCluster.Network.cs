namespace Raft.TestCluster;

/// <summary>Network faults on the silo-to-silo transport, by silo.</summary>
public sealed partial class TestCluster
{
    /// <summary>Cuts every link between the two groups, both ways.</summary>
    public void Partition(IEnumerable<TestSilo> groupA, IEnumerable<TestSilo> groupB)
    {
        var b = groupB.ToArray();
        foreach (var a in groupA)
        {
            foreach (var other in b) Faults.Partition(a.Name, other.Name);
        }
    }

    /// <summary>Cuts only what <paramref name="from"/> sends to <paramref name="to"/>.</summary>
    public void PartitionOneWay(TestSilo from, TestSilo to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        Faults.Block(from.Name, to.Name);
    }

    public void Isolate(TestSilo silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        Faults.Isolate(silo.Name, _silos.Where(s => s != silo).Select(s => s.Name));
    }

    /// <summary>Mends every cut link and clears drop rate and delay.</summary>
    public void Heal()
    {
        Faults.HealAll();
        Faults.DropProbability = 0;
        Faults.Delay = TimeSpan.Zero;
        Faults.Jitter = TimeSpan.Zero;
    }

    /// <summary>Loses this share of silo-to-silo messages at random.</summary>
    public void SetDropRate(double probability) => Faults.DropProbability = probability;

    /// <summary>Holds every silo-to-silo message back by <paramref name="delay"/> plus a random share of <paramref name="jitter"/>, which reorders them.</summary>
    public void SetDelay(TimeSpan delay, TimeSpan jitter = default)
    {
        Faults.Delay = delay;
        Faults.Jitter = jitter;
    }
}

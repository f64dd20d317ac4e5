namespace Raft.TestCluster.Faults;

/// <summary>What the fault table decided for one call: deliver it, lose it, or deliver it late.</summary>
public readonly record struct FaultVerdict(bool Drop, TimeSpan Delay)
{
    public static FaultVerdict Deliver => new(false, TimeSpan.Zero);

    public static FaultVerdict Dropped => new(true, TimeSpan.Zero);

    public static FaultVerdict Delayed(TimeSpan delay) => new(false, delay);
}

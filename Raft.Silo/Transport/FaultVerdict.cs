namespace Raft.Silo.Transport;

/// <summary>The fate of one message: delivered now, delivered after a delay, or dropped.</summary>
public readonly record struct FaultVerdict(bool Drop, TimeSpan Delay)
{
    public static FaultVerdict Deliver => default;

    public static FaultVerdict Dropped => new(true, TimeSpan.Zero);

    public static FaultVerdict Delayed(TimeSpan delay) => new(false, delay);
}

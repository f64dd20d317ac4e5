namespace Raft.Tests.Persistence;

/// <summary>A grain state for the storage tests: any [GenerateSerializer] type must round-trip.</summary>
[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)]
    public int Count { get; set; }

    [Id(1)]
    public string Note { get; set; } = "";
}

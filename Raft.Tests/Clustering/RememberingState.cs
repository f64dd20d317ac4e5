namespace Raft.Tests.Clustering;

/// <summary>What <see cref="RememberingGrain"/> persists: its counter and how many reminder ticks it received.</summary>
[GenerateSerializer]
public sealed class RememberingState
{
    [Id(0)]
    public int Count { get; set; }

    [Id(1)]
    public int Ticks { get; set; }
}

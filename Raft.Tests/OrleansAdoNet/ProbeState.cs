namespace Raft.Tests.OrleansAdoNet;

/// <summary>The persisted state of <see cref="ProbeGrain"/>: a value the test sets and how many reminder ticks arrived.</summary>
[GenerateSerializer]
public sealed class ProbeState
{
    [Id(0)]
    public string? Value { get; set; }

    [Id(1)]
    public int Ticks { get; set; }
}

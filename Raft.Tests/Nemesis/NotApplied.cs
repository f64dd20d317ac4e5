using Raft.Simulator.Checking.Linearizability;

namespace Raft.Tests.Nemesis;

/// <summary>
/// The answer of a request that certainly never reached a silo (its connection was refused): it changed
/// nothing, so the history leaves it out, unlike an unknown outcome, which may have applied.
/// </summary>
internal sealed record NotApplied : KvOutput
{
    public static NotApplied Instance { get; } = new();
}

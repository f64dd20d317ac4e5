namespace Raft.Silo.Hosting;

/// <summary>A grain instance and the activation whose mailbox runs its turns.</summary>
public sealed record LocalGrain(GrainActivation Activation, object Grain);

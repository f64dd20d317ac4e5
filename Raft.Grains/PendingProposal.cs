namespace Raft.Grains;

/// <summary>What a propose turn hands back: where the entry went, and the task that completes when it applies.</summary>
public sealed record PendingProposal(long Index, long Term, Task<ProposeReply> Completion);

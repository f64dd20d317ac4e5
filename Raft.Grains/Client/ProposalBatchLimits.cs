namespace Raft.Grains.Client;

/// <summary>How a silo's <see cref="ProposalBatcher"/> groups its proposals to one peer.</summary>
public sealed record ProposalBatchLimits
{
    /// <summary>
    /// Batches to one peer sent and not yet answered. More than one keeps the leader's pipeline full: the next
    /// batch is appended while the one before it is still being replicated. 4 did a little better in one spread
    /// load alone and worse in the whole comparison, at 16 clients most (README, Benchmarks).
    /// </summary>
    public int MaxInFlight { get; init; } = 2;

    /// <summary>Most commands in one batch; also the most a peer accepts in one call (<see cref="IRaftPeerGrain.ProposeBatchAsync"/>).</summary>
    public int MaxCommands { get; init; } = MaxCommandsPerCall;

    /// <summary>Most bytes of commands in one batch; a single larger command still travels, alone.</summary>
    public long MaxBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Proposals that may wait for a batch to one peer; past that a proposal is answered Dropped at once.</summary>
    public int MaxWaiting { get; init; } = 10_000;

    /// <summary>The most commands a peer takes in one batch call; a larger batch is refused whole.</summary>
    public const int MaxCommandsPerCall = 512;
}

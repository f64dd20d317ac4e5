namespace Raft.Grains.Client;

/// <summary>How a silo's client grain talks to the cluster.</summary>
public sealed record ClientGrainOptions
{
    /// <summary>Forward requests to the leader wherever it is (default); off: answer not-leader with its address.</summary>
    public bool ForwardToLeader { get; init; } = true;

    /// <summary>How long one request may take, retries included, before it ends as a timeout.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Pause between attempts while no leader is known.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Pause between attempts while leadership moves (a Transferring answer, then not-leader answers without a
    /// leader for a second after it): short, since the target wins its election in a round trip or two.
    /// </summary>
    public TimeSpan TransferRetryDelay { get; init; } = TimeSpan.FromMilliseconds(5);

    public StateMachine.StateMachineLimits Limits { get; init; } = new();
}
